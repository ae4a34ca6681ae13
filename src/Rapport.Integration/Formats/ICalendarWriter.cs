using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Rapport.Integration.Formats;

/// <summary>
/// Writes activities (the REST JSON shape) as one iCalendar document (RFC 5545): a VCALENDAR with
/// PRODID <c>-//Rapport//CRM//EN</c> and one component per activity — VTODO for tasks, VEVENT for
/// meetings and calls (CATEGORIES:Call), VJOURNAL for notes and emails (CATEGORIES:Email), which have
/// no place in a calendar's schedule. UID is <c>&lt;id&gt;@rapport</c>; times are UTC. What a
/// component cannot hold in standard properties (the due time of an event, the end of a to-do, a
/// completed meeting) goes into X-RAPPORT- properties that <see cref="ICalendarRowReader"/> reads back.
/// Lines are folded at 75 octets and end in CRLF.
/// </summary>
public sealed class ICalendarWriter : IRecordWriter
{
    public const string ProductId = "-//Rapport//CRM//EN";

    private readonly ContentLineWriter _out;
    private bool _started;
    private bool _completed;

    /// <param name="output">Receives UTF-8 without a byte-order mark; may be non-seekable; left open.</param>
    public ICalendarWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = new ContentLineWriter(output);
    }

    public void Write(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_completed) throw new InvalidOperationException("The calendar is already complete.");
        Start();
        var type = VCardWriter.Text(record["type"])?.ToLowerInvariant();
        var component = type switch
        {
            "task" => "VTODO",
            "note" or "email" => "VJOURNAL",
            _ => "VEVENT",
        };
        var start = VCardWriter.Instant(record["startAt"]);
        var end = VCardWriter.Instant(record["endAt"]);
        var due = VCardWriter.Instant(record["dueAt"]);
        var updated = VCardWriter.Instant(record["updatedAt"]);

        _out.WriteLine("BEGIN:" + component);
        _out.Write("UID", ContentValues.Escape((VCardWriter.Text(record["id"]) ?? Guid.NewGuid().ToString()) + "@rapport"));
        _out.Write("DTSTAMP", updated ?? DateTime.UtcNow.ToString(ICalendarTime.BasicFormat, CultureInfo.InvariantCulture));
        if (VCardWriter.Instant(record["createdAt"]) is { } created) _out.Write("CREATED", created);
        if (updated is not null) _out.Write("LAST-MODIFIED", updated);
        if (VCardWriter.Text(record["subject"]) is { } subject) _out.Write("SUMMARY", ContentValues.Escape(subject));
        if (VCardWriter.Text(record["body"]) is { } body) _out.Write("DESCRIPTION", ContentValues.Escape(body));
        if (type == "call") _out.Write("CATEGORIES", "Call");
        if (type == "email") _out.Write("CATEGORIES", "Email");
        switch (component)
        {
            case "VEVENT":
                // DTSTART is required in a VEVENT: an event without a start begins when it is due or ends.
                if ((start ?? due ?? end) is { } dtstart) _out.Write("DTSTART", dtstart);
                if (end is not null) _out.Write("DTEND", end);
                if (due is not null) _out.Write(ICalendarRowReader.XDue, due);
                break;
            case "VTODO":
                if (start is not null) _out.Write("DTSTART", start);
                if (due is not null) _out.Write("DUE", due);
                if (end is not null) _out.Write(ICalendarRowReader.XEnd, end);
                break;
            default:
                if (start is not null) _out.Write("DTSTART", start);
                if (due is not null) _out.Write(ICalendarRowReader.XDue, due);
                if (end is not null) _out.Write(ICalendarRowReader.XEnd, end);
                break;
        }
        WriteStatus(component, VCardWriter.Text(record["status"]));
        WriteParticipants(record["participants"] as JsonArray);
        _out.WriteLine("END:" + component);
    }

    public void Complete()
    {
        if (_completed) return;
        Start();
        _out.WriteLine("END:VCALENDAR");
        _out.Flush();
        _completed = true;
    }

    public void Dispose()
    {
    }

    private void Start()
    {
        if (_started) return;
        _started = true;
        _out.WriteLine("BEGIN:VCALENDAR");
        _out.WriteLine("VERSION:2.0");
        _out.Write("PRODID", ProductId);
        _out.WriteLine("CALSCALE:GREGORIAN");
    }

    private void WriteStatus(string component, string? status)
    {
        if (status is null) return;
        var standard = (component, status) switch
        {
            (_, "cancelled") => "CANCELLED",
            ("VTODO", "planned") => "NEEDS-ACTION",
            ("VTODO", "inProgress") => "IN-PROCESS",
            ("VTODO", "completed") => "COMPLETED",
            ("VEVENT", "planned") => "CONFIRMED",
            ("VJOURNAL", "planned") => "DRAFT",
            ("VJOURNAL", "completed") => "FINAL",
            _ => null,
        };
        if (standard is not null) _out.Write("STATUS", standard);
        else _out.Write(ICalendarRowReader.XStatus, ContentValues.Escape(status));
    }

    private void WriteParticipants(JsonArray? participants)
    {
        if (participants is null) return;
        var organizer = false;
        foreach (var node in participants)
        {
            if (node is not JsonObject p || VCardWriter.Text(p["email"]) is not { } email) continue;
            var role = VCardWriter.Text(p["role"])?.ToLowerInvariant();
            var name = VCardWriter.Text(p["name"]);
            var cn = name is null ? "" : ";CN=" + QuoteParam(name);
            if (role is "organizer" or "from" && !organizer)
            {
                organizer = true;
                _out.Write("ORGANIZER" + cn, "mailto:" + email);
                continue;
            }
            var icalRole = role switch
            {
                "organizer" or "from" => "CHAIR",
                "optional" or "cc" => "OPT-PARTICIPANT",
                _ => "REQ-PARTICIPANT",
            };
            _out.Write("ATTENDEE" + cn + ";ROLE=" + icalRole, "mailto:" + email);
        }
    }

    /// <summary>A quoted parameter value; a double quote or line break inside uses the RFC 6868 caret escapes.</summary>
    private static string QuoteParam(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            switch (ch)
            {
                case '^': sb.Append("^^"); break;
                case '"': sb.Append("^'"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    sb.Append("^n");
                    break;
                case '\n': sb.Append("^n"); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
