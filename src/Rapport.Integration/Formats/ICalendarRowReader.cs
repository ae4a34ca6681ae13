using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Rapport.Domain.Records;

namespace Rapport.Integration.Formats;

/// <summary>
/// Reads activities from an iCalendar file (RFC 5545), one row per VEVENT (a meeting, or a call when
/// CATEGORIES says so), VTODO (a task) or VJOURNAL (a note, or an email when CATEGORIES says so).
/// SUMMARY is the subject, DESCRIPTION the body, DTSTART/DTEND/DUE (or DURATION) the startAt/endAt/dueAt
/// instants as UTC ISO text (a DATE is midnight UTC; floating times are read as UTC), STATUS maps to
/// the activity statuses, UID to <c>externalIds.ical</c>, ORGANIZER and ATTENDEE to <c>participants</c>
/// (compact JSON with email, name and role, as in the catalogue). Alarms and other nested components
/// are ignored, as are properties not mapped (ATTACH data is never buffered).
/// </summary>
public sealed class ICalendarRowReader : IRowReader
{
    /// <summary>The columns of every row, in this order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["type", "subject", "body", "status", "dueAt", "startAt", "endAt", "participants", "externalIds.ical"];

    private const int Type = 0, Subject = 1, Body = 2, Status = 3, DueAt = 4, StartAt = 5, EndAt = 6, Participants = 7, Uid = 8;

    /// <summary>Written by <see cref="ICalendarWriter"/> for what standard properties cannot hold.</summary>
    internal const string XStatus = "X-RAPPORT-STATUS", XDue = "X-RAPPORT-DUE", XEnd = "X-RAPPORT-END";

    private static readonly FrozenSet<string> Kept = new[]
    {
        "BEGIN", "END", "SUMMARY", "DESCRIPTION", "DTSTART", "DTEND", "DUE", "DURATION", "STATUS", "UID", "ATTENDEE", "ORGANIZER",
        "CATEGORIES", "TZID", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", XStatus, XDue, XEnd,
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Items = new[] { "VEVENT", "VTODO", "VJOURNAL" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Statuses = new[] { "planned", "inProgress", "completed", "cancelled" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly Stream _stream;
    private readonly FormatLimits _limits;

    /// <param name="stream">The iCalendar file, UTF-8 unless a byte-order mark says otherwise; not disposed by the reader.</param>
    public ICalendarRowReader(Stream stream, FormatLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        _stream = stream;
        _limits = limits;
    }

    public IEnumerable<SourceRow> ReadRows(CancellationToken ct = default) => RowGuard.Wrap(Rows(ct), "iCalendar");

    public void Dispose()
    {
    }

    private IEnumerable<SourceRow> Rows(CancellationToken ct)
    {
        using var lines = new ContentLineReader(_stream, _limits.MaxRowChars, Kept.Contains);
        ContentLine? line = lines.ReadOpening("VCALENDAR", "an iCalendar", 4096, _limits.MaxRowChars);

        var time = new ICalendarTime();
        var stack = new List<string>();
        Item? item = null;
        ICalendarTime.Zone? zone = null;
        string? zoneId = null;
        ICalendarTime.Observance? observance = null;
        for (; line is not null; line = lines.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (line.Name == "BEGIN")
            {
                var component = line.Value.Trim().ToUpperInvariant();
                if (Items.Contains(component))
                {
                    if (item is not null)
                    {
                        yield return item.Build(time, $"The {item.Component} has no END:{item.Component}.");
                        stack.RemoveRange(item.Depth - 1, stack.Count - item.Depth + 1);
                    }
                    stack.Add(component);
                    item = new Item(component, line.Line, stack.Count);
                    continue;
                }
                stack.Add(component);
                if (component == "VTIMEZONE") (zone, zoneId) = (null, null);
                else if (component is "STANDARD" or "DAYLIGHT" && Top(stack, 1) == "VTIMEZONE") observance = new ICalendarTime.Observance();
                continue;
            }
            if (line.Name == "END")
            {
                var component = line.Value.Trim().ToUpperInvariant();
                var index = stack.LastIndexOf(component);
                if (index < 0)
                {
                    if (Items.Contains(component))
                        yield return Error(line.Line, $"END:{component} has no BEGIN:{component}.");
                    continue;
                }
                if (item is not null && item.Depth - 1 >= index)
                {
                    yield return item.Build(time, item.Depth - 1 == index ? null : $"The {item.Component} has no END:{item.Component}.");
                    item = null;
                }
                if (component is "STANDARD" or "DAYLIGHT" && observance is not null)
                {
                    if (zone is null && zoneId is not null) zone = new ICalendarTime.Zone(zoneId);
                    zone?.Add(observance);
                    observance = null;
                }
                else if (component == "VTIMEZONE")
                {
                    if (zone is not null) time.Define(zone);
                    (zone, zoneId, observance) = (null, null, null);
                }
                stack.RemoveRange(index, stack.Count - index);
                continue;
            }
            if (item is not null)
            {
                if (stack.Count == item.Depth) item.Add(line, _limits.MaxRowChars);
            }
            else if (observance is not null && Top(stack, 0) is "STANDARD" or "DAYLIGHT")
            {
                observance.Set(line);
            }
            else if (line.Name == "TZID" && Top(stack, 0) == "VTIMEZONE")
            {
                zoneId = line.Value.Trim();
                zone = new ICalendarTime.Zone(zoneId);
            }
        }
        if (item is not null) yield return item.Build(time, $"The {item.Component} has no END:{item.Component}.");
    }

    private static string? Top(List<string> stack, int below) => stack.Count > below ? stack[stack.Count - 1 - below] : null;

    private static SourceRow Error(long line, string error) =>
        new() { Line = line, Columns = Columns, Values = new string?[Columns.Count], Error = error };

    /// <summary>The properties of one VEVENT, VTODO or VJOURNAL, collected until its END.</summary>
    private sealed class Item(string component, long line, int depth)
    {
        private readonly List<ContentLine> _properties = [];
        private long _chars;

        public string Component { get; } = component;

        /// <summary>The stack depth of the component (1 = a direct child of the root).</summary>
        public int Depth { get; } = depth;

        public void Add(ContentLine property, int maxChars)
        {
            if (!property.HasValue) return;
            _chars += property.Value.Length;
            if (_chars > maxChars)
                throw new ImportFormatException($"The {Component} at line {line} is longer than {maxChars} characters.", line);
            _properties.Add(property);
        }

        public SourceRow Build(ICalendarTime time, string? error)
        {
            var values = new string?[Columns.Count];
            var categories = new List<string>();
            var participants = new List<Participant>();
            string? status = null, ownStatus = null;
            DateTime? start = null;
            TimeSpan? duration = null;
            foreach (var p in _properties)
            {
                switch (p.Name)
                {
                    case "SUMMARY":
                        values[Subject] ??= Blank(ContentValues.Unescape(p.Value));
                        break;
                    case "DESCRIPTION":
                        values[Body] ??= Blank(ContentValues.Unescape(p.Value));
                        break;
                    case "UID":
                        values[Uid] ??= Blank(ContentValues.Unescape(p.Value).Trim());
                        break;
                    case "CATEGORIES":
                        categories.AddRange(ContentValues.Split(p.Value, ',').Select(c => c.Trim()));
                        break;
                    case "STATUS":
                        status ??= p.Value.Trim().ToUpperInvariant();
                        break;
                    case XStatus:
                        ownStatus ??= p.Value.Trim();
                        break;
                    case "DTSTART":
                        if (values[StartAt] is null)
                        {
                            start = time.ToUtc(p);
                            values[StartAt] = Instant(start, p);
                        }
                        break;
                    case "DTEND" or XEnd:
                        if (p.Name == "DTEND" || values[EndAt] is null) values[EndAt] = Instant(time.ToUtc(p), p);
                        break;
                    case "DUE" or XDue:
                        if (p.Name == "DUE" || values[DueAt] is null) values[DueAt] = Instant(time.ToUtc(p), p);
                        break;
                    case "DURATION":
                        if (ICalendarTime.TryParseDuration(p.Value, out var d)) duration ??= d;
                        break;
                    case "ORGANIZER" or "ATTENDEE":
                        AddParticipant(participants, p);
                        break;
                }
            }
            if (duration is { } length && start is { } begin)
            {
                // DURATION instead of DTEND (events) or DUE (to-dos).
                if (Component == "VTODO") values[DueAt] ??= (begin + length).ToString(ICalendarTime.IsoFormat, CultureInfo.InvariantCulture);
                else values[EndAt] ??= (begin + length).ToString(ICalendarTime.IsoFormat, CultureInfo.InvariantCulture);
            }
            bool Category(string name) => categories.Any(c => c.Contains(name, StringComparison.OrdinalIgnoreCase));
            values[Type] = Component switch
            {
                "VTODO" => "task",
                "VJOURNAL" => Category("email") ? "email" : "note",
                _ => Category("call") ? "call" : "meeting",
            };
            values[Status] = ownStatus is not null && Statuses.Contains(ownStatus) ? ownStatus : MapStatus(Component, status);
            values[Participants] = ParticipantsJson(participants);
            return new SourceRow { Line = line, Columns = Columns, Values = values, Error = error };
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The instant as UTC ISO text; a value that is no date is passed on as written, for the validator to report.</summary>
    private static string? Instant(DateTime? utc, ContentLine p) =>
        utc is { } value ? value.ToString(ICalendarTime.IsoFormat, CultureInfo.InvariantCulture) : Blank(p.Value.Trim());

    private static string? MapStatus(string component, string? status) => (component, status) switch
    {
        (_, null) => null,
        (_, "CANCELLED") => "cancelled",
        ("VTODO", "NEEDS-ACTION") => "planned",
        ("VTODO", "IN-PROCESS") => "inProgress",
        ("VTODO", "COMPLETED") => "completed",
        ("VEVENT", "TENTATIVE" or "CONFIRMED") => "planned",
        ("VJOURNAL", "DRAFT") => "planned",
        ("VJOURNAL", "FINAL") => "completed",
        _ => null,
    };

    private readonly record struct Participant(string Email, string? Name, string Role);

    private static void AddParticipant(List<Participant> participants, ContentLine p)
    {
        var address = ContentValues.Unescape(p.Value).Trim();
        string? email = null;
        if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) email = address[7..].Trim();
        else if (Blank(p.Param("EMAIL")) is { } param) email = param.Trim();
        if (string.IsNullOrEmpty(email)) return;
        var role = p.Name == "ORGANIZER"
            ? "organizer"
            : p.Param("ROLE")?.Trim().ToUpperInvariant() switch
            {
                "CHAIR" => "organizer",
                "OPT-PARTICIPANT" or "NON-PARTICIPANT" => "optional",
                _ => "required",
            };
        var name = Blank(p.Param("CN")?.Trim());
        var existing = participants.FindIndex(x => string.Equals(x.Email, email, StringComparison.OrdinalIgnoreCase));
        if (existing < 0)
        {
            participants.Add(new Participant(email, name, role));
            return;
        }
        var old = participants[existing];
        participants[existing] = old with { Name = old.Name ?? name, Role = old.Role == "organizer" ? old.Role : role };
    }

    private static string? ParticipantsJson(List<Participant> participants)
    {
        if (participants.Count == 0) return null;
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = RecordJson.Options.Encoder }))
        {
            w.WriteStartArray();
            foreach (var p in participants)
            {
                w.WriteStartObject();
                w.WriteString("email", p.Email);
                if (p.Name is not null) w.WriteString("name", p.Name);
                w.WriteString("role", p.Role);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
