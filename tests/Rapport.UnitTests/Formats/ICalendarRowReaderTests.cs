using System.Text;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class ICalendarRowReaderTests
{
    /// <summary>As exported by Outlook: a Windows time zone name defined by a VTIMEZONE, an alarm, folded lines.</summary>
    private const string Outlook = """
        BEGIN:VCALENDAR
        PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
        VERSION:2.0
        METHOD:PUBLISH
        BEGIN:VTIMEZONE
        TZID:W. Europe Standard Time
        BEGIN:STANDARD
        DTSTART:16011028T030000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16010325T020000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        END:DAYLIGHT
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:040000008200E00074C5B7101A82E008
        SUMMARY:Quarterly review\, Q3
        DESCRIPTION:Agenda:\n1. Numbers\n2. Plans\; open questions that need a long
         er discussion than anybody wants
        DTSTART;TZID=W. Europe Standard Time:20260715T100000
        DTEND;TZID=W. Europe Standard Time:20260715T113000
        STATUS:CONFIRMED
        ORGANIZER;CN="Lovelace, Ada":mailto:ada@example.com
        ATTENDEE;CN=Charles Babbage;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:c
         harles@example.com
        ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:grace@example.com
        ATTENDEE;CN=Ada:mailto:ADA@example.com
        BEGIN:VALARM
        ACTION:DISPLAY
        DESCRIPTION:Reminder
        TRIGGER:-PT15M
        END:VALARM
        END:VEVENT
        BEGIN:VTODO
        UID:todo-1@example.com
        SUMMARY:Send contract
        DUE;VALUE=DATE:20260801
        STATUS:NEEDS-ACTION
        CATEGORIES:Sales,Follow-up
        ATTACH;ENCODING=BASE64;VALUE=BINARY:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=
        END:VTODO
        END:VCALENDAR

        """;

    private static string Calendar(string body) => $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{body}END:VCALENDAR\r\n";

    private static List<SourceRow> Read(string text, FormatLimits? limits = null)
    {
        using var reader = new ICalendarRowReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), limits ?? FormatLimits.Default);
        return reader.ReadRows().ToList();
    }

    [Fact]
    public void Columns_NamesComeFromTheActivityCatalogue()
    {
        foreach (var column in ICalendarRowReader.Columns.Where(c => !c.StartsWith("externalIds.", StringComparison.Ordinal)))
            Assert.NotNull(StandardObjects.Activities.Field(column));
    }

    [Fact]
    public void ReadRows_OutlookEvent_MeetingWithUtcTimesFromVTimeZone()
    {
        var row = Read(Outlook)[0];

        Assert.Equal(20, row.Line);
        Assert.Null(row.Error);
        Assert.Equal("meeting", row["type"]);
        Assert.Equal("Quarterly review, Q3", row["subject"]);
        Assert.Equal("Agenda:\n1. Numbers\n2. Plans; open questions that need a longer discussion than anybody wants", row["body"]);
        Assert.Equal("2026-07-15T08:00:00Z", row["startAt"]);
        Assert.Equal("2026-07-15T09:30:00Z", row["endAt"]);
        Assert.Null(row["dueAt"]);
        Assert.Equal("planned", row["status"]);
        Assert.Equal("040000008200E00074C5B7101A82E008", row["externalIds.ical"]);
    }

    [Fact]
    public void ReadRows_OutlookEvent_ParticipantsWithRolesNoAlarmText()
    {
        var row = Read(Outlook)[0];

        Assert.Equal(
            """[{"email":"ada@example.com","name":"Lovelace, Ada","role":"organizer"},{"email":"charles@example.com","name":"Charles Babbage","role":"required"},{"email":"grace@example.com","role":"optional"}]""",
            row["participants"]);
        Assert.DoesNotContain("Reminder", row["body"], StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_Todo_TaskWithAllDayDueAndStatus()
    {
        var row = Read(Outlook)[1];

        Assert.Equal("task", row["type"]);
        Assert.Equal("Send contract", row["subject"]);
        Assert.Equal("2026-08-01T00:00:00Z", row["dueAt"]);
        Assert.Equal("planned", row["status"]);
        Assert.Equal("todo-1@example.com", row["externalIds.ical"]);
    }

    [Theory]
    [InlineData("DTSTART;TZID=Europe/Berlin:20260115T100000", "2026-01-15T09:00:00Z")]
    [InlineData("DTSTART;TZID=Europe/Berlin:20260715T100000", "2026-07-15T08:00:00Z")]
    [InlineData("DTSTART;TZID=\"/mozilla.org/20070129_1/America/New_York\":20260115T100000", "2026-01-15T15:00:00Z")]
    [InlineData("DTSTART;TZID=Nowhere/Atlantis:20260115T100000", "2026-01-15T10:00:00Z")]
    [InlineData("DTSTART:20260115T100000Z", "2026-01-15T10:00:00Z")]
    [InlineData("DTSTART:20260115T100000", "2026-01-15T10:00:00Z")]
    [InlineData("DTSTART;VALUE=DATE:20260115", "2026-01-15T00:00:00Z")]
    [InlineData("DTSTART;TZID=Europe/Berlin:20260329T023000", "2026-03-29T01:30:00Z")]
    [InlineData("DTSTART;TZID=Europe/Berlin:20261025T023000", "2026-10-25T00:30:00Z")]
    [InlineData("DTSTART:tomorrow", "tomorrow")]
    public void ReadRows_StartForms_UtcIsoText(string dtstart, string expected)
    {
        var row = Assert.Single(Read(Calendar($"BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:x\r\n{dtstart}\r\nEND:VEVENT\r\n")));

        Assert.Equal(expected, row["startAt"]);
    }

    [Fact]
    public void ReadRows_CustomZoneOnlyInVTimeZone_UsesItsRules()
    {
        var text = Calendar("""
            BEGIN:VTIMEZONE
            TZID:Company Time
            BEGIN:STANDARD
            DTSTART:19701101T020000
            RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
            TZOFFSETFROM:-0400
            TZOFFSETTO:-0500
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:19700308T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
            TZOFFSETFROM:-0500
            TZOFFSETTO:-0400
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:w
            SUMMARY:winter
            DTSTART;TZID=Company Time:20260115T100000
            DTEND;TZID=Company Time:20260715T100000
            END:VEVENT

            """);

        var row = Assert.Single(Read(text));

        Assert.Equal("2026-01-15T15:00:00Z", row["startAt"]);
        Assert.Equal("2026-07-15T14:00:00Z", row["endAt"]);
    }

    [Fact]
    public void ReadRows_AllDayEvent_MidnightUtcBounds()
    {
        var row = Assert.Single(Read(Calendar("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Trade fair\r\nDTSTART;VALUE=DATE:20260720\r\nDTEND;VALUE=DATE:20260722\r\nEND:VEVENT\r\n")));

        Assert.Equal("2026-07-20T00:00:00Z", row["startAt"]);
        Assert.Equal("2026-07-22T00:00:00Z", row["endAt"]);
    }

    [Fact]
    public void ReadRows_EventWithDuration_EndFromDuration()
    {
        var row = Assert.Single(Read(Calendar("BEGIN:VEVENT\r\nUID:d\r\nSUMMARY:Call\r\nDTSTART:20260301T090000Z\r\nDURATION:PT1H45M\r\nCATEGORIES:Phone call\r\nEND:VEVENT\r\n")));

        Assert.Equal("call", row["type"]);
        Assert.Equal("2026-03-01T10:45:00Z", row["endAt"]);
    }

    [Theory]
    [InlineData("VTODO", "IN-PROCESS", "inProgress")]
    [InlineData("VTODO", "COMPLETED", "completed")]
    [InlineData("VTODO", "CANCELLED", "cancelled")]
    [InlineData("VEVENT", "TENTATIVE", "planned")]
    [InlineData("VEVENT", "CANCELLED", "cancelled")]
    [InlineData("VJOURNAL", "FINAL", "completed")]
    [InlineData("VEVENT", "X-UNKNOWN", null)]
    public void ReadRows_Status_MappedToActivityStatuses(string component, string status, string? expected)
    {
        var row = Assert.Single(Read(Calendar($"BEGIN:{component}\r\nUID:s\r\nSUMMARY:x\r\nSTATUS:{status}\r\nEND:{component}\r\n")));

        Assert.Equal(expected, row["status"]);
    }

    [Fact]
    public void ReadRows_Journal_Note()
    {
        var row = Assert.Single(Read(Calendar("BEGIN:VJOURNAL\r\nUID:j\r\nSUMMARY:Met at fair\r\nDESCRIPTION:Likes sailing\r\nEND:VJOURNAL\r\n")));

        Assert.Equal("note", row["type"]);
        Assert.Equal("Likes sailing", row["body"]);
    }

    [Fact]
    public void ReadRows_EventWithoutEnd_RowErrorAndNextEventRead()
    {
        var rows = Read(Calendar("BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:first\r\nBEGIN:VEVENT\r\nUID:2\r\nSUMMARY:second\r\nEND:VEVENT\r\nEND:VTODO\r\n"));

        Assert.Equal(3, rows.Count);
        Assert.Equal((4L, "first"), (rows[0].Line, rows[0]["subject"]));
        Assert.Contains("END:VEVENT", rows[0].Error, StringComparison.Ordinal);
        Assert.Null(rows[1].Error);
        Assert.Equal(11, rows[2].Line);
        Assert.Contains("BEGIN:VTODO", rows[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_TruncatedFile_LastEventIsRowError()
    {
        var row = Assert.Single(Read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nSUMMARY:cut\n"));

        Assert.Equal("cut", row["subject"]);
        Assert.NotNull(row.Error);
    }

    [Theory]
    [InlineData("BEGIN:VCARD\nEND:VCARD\n")]
    [InlineData("subject,body\n")]
    [InlineData("")]
    public void ReadRows_NotICalendar_Throws(string text)
    {
        var ex = Assert.Throws<ImportFormatException>(() => Read(text));

        Assert.Contains("not an iCalendar", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_EventOverMaxChars_Throws()
    {
        var text = Calendar($"BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:{new string('x', 600)}\r\nDESCRIPTION:{new string('y', 600)}\r\nEND:VEVENT\r\n");

        var ex = Assert.Throws<ImportFormatException>(() => Read(text, new FormatLimits { MaxRowChars = 1_000 }));

        Assert.Equal(4, ex.Line);
    }

    [Fact]
    public void ReadRows_Participants_ParseAsCatalogueItems()
    {
        var participants = JsonNode.Parse(Read(Outlook)[0]["participants"]!)!.AsArray();
        var item = StandardObjects.Activities.Field("participants")!;

        foreach (var participant in participants)
            foreach (var (name, _) in participant!.AsObject())
                Assert.NotNull(item.Child(name));
    }
}
