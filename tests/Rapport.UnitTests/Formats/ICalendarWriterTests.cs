using System.Text;
using System.Text.Json.Nodes;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class ICalendarWriterTests
{
    private static string Write(params JsonObject[] activities)
    {
        using var ms = new MemoryStream();
        using (var writer = new ICalendarWriter(ms))
        {
            foreach (var activity in activities) writer.Write(activity);
            writer.Complete();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static List<SourceRow> Read(string text)
    {
        using var reader = new ICalendarRowReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), FormatLimits.Default);
        return reader.ReadRows().ToList();
    }

    private static JsonObject Meeting() => JsonNode.Parse("""
        {
          "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
          "type": "meeting",
          "subject": "Kick-off; scope, budget",
          "body": "Agenda:\n1. Scope\n2. Budget — 東京 office 😀, with a line long enough to be folded more than once by the writer",
          "status": "planned",
          "dueAt": null,
          "startAt": "2026-07-15T08:00:00.000000Z",
          "endAt": "2026-07-15T09:30:00.000000Z",
          "relatedObject": "accounts",
          "relatedId": "0b6c9a4e-7d1f-4c2a-8e3b-5f6a7b8c9d0e",
          "participants": [
            { "object": "users", "id": "0b6c9a4e-7d1f-4c2a-8e3b-5f6a7b8c9d0e", "email": "owner@rapport.example", "name": "Owner \"The Boss\"", "role": "organizer" },
            { "object": "contacts", "id": "3f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b", "email": "ada@example.com", "name": "Lovelace, Ada", "role": "required" },
            { "object": "contacts", "id": "4f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b", "email": "grace@example.com", "role": "optional" },
            { "object": "contacts", "id": "5f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b" }
          ],
          "createdAt": "2026-01-02T03:04:05.000000Z",
          "updatedAt": "2026-01-03T03:04:05.000000Z",
          "version": 2
        }
        """)!.AsObject();

    private static JsonObject Task() => new()
    {
        ["id"] = "11111111-2222-3333-4444-555555555555",
        ["type"] = "task",
        ["subject"] = "Send contract",
        ["status"] = "inProgress",
        ["dueAt"] = "2026-08-01T12:00:00Z",
        ["startAt"] = "2026-07-30T08:00:00Z",
        ["endAt"] = "2026-07-31T08:00:00Z",
    };

    [Fact]
    public void Write_Activities_CalendarEnvelopeAndComponents()
    {
        var text = Write(Meeting(), Task());

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport//CRM//EN\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VTODO\r\nEND:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nBEGIN:VEVENT\r\nUID:7c9e6679-7425-40de-944b-e07fc1f90ae7@rapport\r\nDTSTAMP:20260103T030405Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nSUMMARY:Kick-off\\; scope\\, budget\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTART:20260715T080000Z\r\nDTEND:20260715T093000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nSTATUS:CONFIRMED\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nORGANIZER;CN=\"Owner ^'The Boss^'\":mailto:owner@rapport.example\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nATTENDEE;CN=\"Lovelace, Ada\";ROLE=REQ-PARTICIPANT:mailto:ada@example.com\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nBEGIN:VTODO\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDUE:20260801T120000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nSTATUS:IN-PROCESS\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LongLines_FoldedAt75OctetsOnCharacterBoundaries()
    {
        var bytes = Encoding.UTF8.GetBytes(Write(Meeting()));
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);

        var start = 0;
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] != '\r' || bytes[i + 1] != '\n') continue;
            Assert.True(i - start <= 75, $"{i - start} octets");
            strict.GetString(bytes, start, i - start);
            start = i + 2;
        }
        Assert.Equal(bytes.Length, start);
        Assert.Contains(Encoding.UTF8.GetString(bytes).Split("\r\n"), line => line.StartsWith(' '));
    }

    [Fact]
    public void Write_ThenRead_SameSubjectBodyTimesStatusAndParticipants()
    {
        var rows = Read(Write(Meeting(), Task()));

        var meeting = rows[0];
        Assert.Null(meeting.Error);
        Assert.Equal("meeting", meeting["type"]);
        Assert.Equal("Kick-off; scope, budget", meeting["subject"]);
        Assert.Equal(Meeting()["body"]!.GetValue<string>(), meeting["body"]);
        Assert.Equal("2026-07-15T08:00:00Z", meeting["startAt"]);
        Assert.Equal("2026-07-15T09:30:00Z", meeting["endAt"]);
        Assert.Null(meeting["dueAt"]);
        Assert.Equal("planned", meeting["status"]);
        Assert.Equal("7c9e6679-7425-40de-944b-e07fc1f90ae7@rapport", meeting["externalIds.ical"]);
        Assert.Equal(
            """[{"email":"owner@rapport.example","name":"Owner \"The Boss\"","role":"organizer"},{"email":"ada@example.com","name":"Lovelace, Ada","role":"required"},{"email":"grace@example.com","role":"optional"}]""",
            meeting["participants"]);

        var task = rows[1];
        Assert.Equal("task", task["type"]);
        Assert.Equal("Send contract", task["subject"]);
        Assert.Equal("2026-08-01T12:00:00Z", task["dueAt"]);
        Assert.Equal("2026-07-30T08:00:00Z", task["startAt"]);
        Assert.Equal("2026-07-31T08:00:00Z", task["endAt"]);
        Assert.Equal("inProgress", task["status"]);
    }

    [Theory]
    [InlineData("meeting", "completed")]
    [InlineData("meeting", "inProgress")]
    [InlineData("meeting", "cancelled")]
    [InlineData("call", "planned")]
    [InlineData("task", "completed")]
    [InlineData("note", "planned")]
    [InlineData("email", "completed")]
    public void Write_ThenRead_TypeAndStatusSurvive(string type, string status)
    {
        var activity = new JsonObject
        {
            ["id"] = "1", ["type"] = type, ["subject"] = "s", ["status"] = status,
            ["startAt"] = "2026-01-01T10:00:00Z", ["dueAt"] = "2026-01-02T10:00:00Z",
        };

        var row = Assert.Single(Read(Write(activity)));

        Assert.Equal(type, row["type"]);
        Assert.Equal(status, row["status"]);
        Assert.Equal("2026-01-01T10:00:00Z", row["startAt"]);
        Assert.Equal("2026-01-02T10:00:00Z", row["dueAt"]);
    }

    [Fact]
    public void Complete_NoActivities_EmptyCalendar()
    {
        Assert.Equal("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport//CRM//EN\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n", Write());
    }
}
