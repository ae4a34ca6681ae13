using System.Globalization;
using System.Security;

namespace Rapport.Integration.Formats;

/// <summary>
/// Date and time values of iCalendar (RFC 5545 §3.3.4, §3.3.5, §3.3.6): DATE, DATE-TIME in UTC,
/// floating (read as UTC) or with a TZID, and DURATION. A TZID is looked up as a system time zone
/// (IANA, or a Windows name where the platform can convert it), else by the VTIMEZONE the file
/// defines; a zone found nowhere is read as UTC.
/// </summary>
internal sealed class ICalendarTime
{
    public const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    public const string BasicFormat = "yyyyMMdd'T'HHmmss'Z'";

    private const int MaxZones = 64;
    private readonly Dictionary<string, TimeZoneInfo?> _system = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Zone> _defined = new(StringComparer.Ordinal);

    /// <summary>Registers a VTIMEZONE of the file, for TZIDs the system does not know.</summary>
    public void Define(Zone zone)
    {
        if (_defined.Count < MaxZones) _defined.TryAdd(zone.Id, zone);
    }

    /// <summary>
    /// The UTC instant of a DTSTART, DTEND or DUE property; a DATE is midnight UTC of that day.
    /// Null when the value is not a date or date-time.
    /// </summary>
    public DateTime? ToUtc(ContentLine property)
    {
        var text = property.Value.Trim();
        if (!TryParseLocal(text, out var local, out var utc)) return null;
        if (utc) return DateTime.SpecifyKind(local, DateTimeKind.Utc);
        var tzid = property.Param("TZID")?.Trim();
        if (string.IsNullOrEmpty(tzid) || !text.Contains('T', StringComparison.OrdinalIgnoreCase)) return DateTime.SpecifyKind(local, DateTimeKind.Utc);
        if (System(tzid) is { } zone) return Convert(local, zone);
        if (_defined.TryGetValue(tzid, out var defined)) return defined.ToUtc(local);
        return DateTime.SpecifyKind(local, DateTimeKind.Utc);
    }

    /// <summary>
    /// Parses <c>yyyyMMdd</c>, <c>yyyyMMddTHHmmss</c> and <c>yyyyMMddTHHmmssZ</c> (dashes and colons
    /// of the extended ISO form are tolerated); <paramref name="utc"/> tells whether it ended in Z.
    /// </summary>
    public static bool TryParseLocal(string text, out DateTime value, out bool utc)
    {
        value = default;
        utc = false;
        Span<char> basic = stackalloc char[16];
        var n = 0;
        foreach (var ch in text)
        {
            if (ch is '-' or ':') continue;
            if (n == basic.Length) return false;
            basic[n++] = ch;
        }
        var s = basic[..n];
        if (s.Length > 0 && s[^1] is 'Z' or 'z')
        {
            utc = true;
            s = s[..^1];
        }
        if (s.Length == 8)
            return DateTime.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        return s.Length == 15 && s[8] is 'T' or 't'
            && DateTime.TryParseExact(s, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>Parses an RFC 5545 DURATION (<c>P1W</c>, <c>-PT15M</c>, <c>P1DT2H</c>).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var s = text.Trim().AsSpan();
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length < 2 || s[0] is not ('P' or 'p')) return false;
        var time = false;
        long number = -1;
        var any = false;
        foreach (var ch in s[1..])
        {
            if (char.IsAsciiDigit(ch))
            {
                number = (number < 0 ? 0 : number) * 10 + (ch - '0');
                if (number > 1_000_000) return false;
                continue;
            }
            var unit = char.ToUpperInvariant(ch);
            if (unit == 'T' && number < 0) { time = true; continue; }
            if (number < 0) return false;
            duration += (unit, time) switch
            {
                ('W', false) => TimeSpan.FromDays(7 * number),
                ('D', false) => TimeSpan.FromDays(number),
                ('H', true) => TimeSpan.FromHours(number),
                ('M', true) => TimeSpan.FromMinutes(number),
                ('S', true) => TimeSpan.FromSeconds(number),
                _ => TimeSpan.MinValue,
            };
            if (duration < TimeSpan.Zero) return false;
            number = -1;
            any = true;
        }
        if (!any || number >= 0) return false;
        if (negative) duration = -duration;
        return true;
    }

    /// <summary>A UTC offset of TZOFFSETFROM/TZOFFSETTO: <c>+0100</c>, <c>-0530</c>, <c>+013000</c>.</summary>
    public static bool TryParseOffset(string text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var s = text.Trim();
        if (s.Length is not (5 or 7) || s[0] is not ('+' or '-')) return false;
        if (!int.TryParse(s.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h) ||
            !int.TryParse(s.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        var sec = 0;
        if (s.Length == 7 && !int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out sec)) return false;
        offset = new TimeSpan(h, m, sec);
        if (s[0] == '-') offset = -offset;
        return true;
    }

    /// <summary>Local time in <paramref name="zone"/> to UTC: a time in a DST gap uses the offset before the gap, a repeated time its first occurrence.</summary>
    public static DateTime Convert(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local)) offset = zone.GetUtcOffset(local.AddHours(-6));
        else if (zone.IsAmbiguousTime(local)) offset = zone.GetAmbiguousTimeOffsets(local).Max();
        else offset = zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>A system time zone for a TZID: an IANA id, a Windows id the platform converts, or the IANA tail of a prefixed id (<c>/mozilla.org/20070129_1/Europe/Berlin</c>).</summary>
    private TimeZoneInfo? System(string tzid)
    {
        if (_system.TryGetValue(tzid, out var cached)) return cached;
        TimeZoneInfo? zone = null;
        if (tzid.Length <= 128)
        {
            zone = Find(tzid);
            if (zone is null && TimeZoneInfo.TryConvertWindowsIdToIanaId(tzid, out var iana)) zone = Find(iana);
            if (zone is null && tzid.Contains('/', StringComparison.Ordinal))
            {
                var parts = tzid.Split('/', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 1; zone is null && i < parts.Length - 1; i++) zone = Find(string.Join('/', parts[i..]));
            }
        }
        if (_system.Count < MaxZones) _system[tzid] = zone;
        return zone;
    }

    private static TimeZoneInfo? Find(string id)
    {
        // Only names a zone database could hold: never a path.
        if (id.Length == 0 || id[0] == '/' || id.Contains("..", StringComparison.Ordinal)) return null;
        foreach (var ch in id)
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '/' or '_' or '-' or '+' or ' ' or '.')) return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or SecurityException
            or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// A VTIMEZONE of the file: its STANDARD and DAYLIGHT observances, each starting at DTSTART and
    /// recurring by a yearly RRULE with BYMONTH and BYDAY (the form calendar programs write).
    /// </summary>
    internal sealed class Zone(string id)
    {
        private const int MaxObservances = 32;
        private readonly List<Observance> _observances = [];

        public string Id { get; } = id;

        public void Add(Observance observance)
        {
            if (_observances.Count < MaxObservances) _observances.Add(observance);
        }

        public DateTime ToUtc(DateTime local)
        {
            var best = DateTime.MinValue;
            TimeSpan? offset = null;
            foreach (var o in _observances)
            {
                if (o.LatestOnset(local) is { } onset && onset >= best)
                    (best, offset) = (onset, o.OffsetTo);
            }
            offset ??= _observances.OrderBy(o => o.Start).Select(o => (TimeSpan?)o.OffsetFrom).FirstOrDefault() ?? TimeSpan.Zero;
            return DateTime.SpecifyKind(local - offset.Value, DateTimeKind.Utc);
        }
    }

    /// <summary>One STANDARD or DAYLIGHT part of a VTIMEZONE.</summary>
    internal sealed class Observance
    {
        public DateTime Start { get; set; }
        public TimeSpan OffsetFrom { get; set; }
        public TimeSpan OffsetTo { get; set; }
        public int? Month { get; private set; }
        public int Week { get; private set; }
        public DayOfWeek? Day { get; private set; }
        public DateTime? Until { get; private set; }

        public void Set(ContentLine p)
        {
            switch (p.Name)
            {
                case "DTSTART":
                    if (TryParseLocal(p.Value.Trim(), out var start, out _)) Start = start;
                    break;
                case "TZOFFSETFROM":
                    if (TryParseOffset(p.Value, out var from)) OffsetFrom = from;
                    break;
                case "TZOFFSETTO":
                    if (TryParseOffset(p.Value, out var to)) OffsetTo = to;
                    break;
                case "RRULE":
                    SetRule(p.Value);
                    break;
            }
        }

        /// <summary>The last time this observance began at or before <paramref name="local"/>, or null.</summary>
        public DateTime? LatestOnset(DateTime local)
        {
            if (Month is null || Day is null)
                return Start <= local ? Start : null;
            var lastYear = Until is { } end ? Math.Min(local.Year, end.Year) : local.Year;
            for (var year = lastYear; year >= lastYear - 1 && year >= Start.Year; year--)
            {
                var onset = NthWeekday(year, Month.Value, Week, Day.Value) + Start.TimeOfDay;
                if (onset < Start || onset > local || Until is { } until && onset > until) continue;
                return onset;
            }
            return null;
        }

        private void SetRule(string rule)
        {
            int? month = null;
            int week = 0;
            DayOfWeek? day = null;
            var yearly = false;
            foreach (var part in rule.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=');
                if (eq < 0) continue;
                var key = part[..eq].ToUpperInvariant();
                var value = part[(eq + 1)..];
                switch (key)
                {
                    case "FREQ": yearly = value.Equals("YEARLY", StringComparison.OrdinalIgnoreCase); break;
                    case "BYMONTH" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12:
                        month = m;
                        break;
                    case "BYDAY" when value.Length >= 2:
                        day = value[^2..].ToUpperInvariant() switch
                        {
                            "SU" => DayOfWeek.Sunday, "MO" => DayOfWeek.Monday, "TU" => DayOfWeek.Tuesday, "WE" => DayOfWeek.Wednesday,
                            "TH" => DayOfWeek.Thursday, "FR" => DayOfWeek.Friday, "SA" => DayOfWeek.Saturday, _ => null,
                        };
                        if (value.Length > 2 && !int.TryParse(value[..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out week)) day = null;
                        break;
                    case "UNTIL" when TryParseLocal(value, out var until, out _):
                        Until = until;
                        break;
                }
            }
            if (!yearly || month is null || day is null || week is < -5 or > 5) return;
            (Month, Week, Day) = (month, week == 0 ? 1 : week, day);
        }

        /// <summary>The <paramref name="week"/>th (negative: from the end) <paramref name="day"/> of a month.</summary>
        private static DateTime NthWeekday(int year, int month, int week, DayOfWeek day)
        {
            if (week > 0)
            {
                var first = new DateTime(year, month, 1);
                var date = first.AddDays(((int)day - (int)first.DayOfWeek + 7) % 7 + 7 * (week - 1));
                return date.Month == month ? date : date.AddDays(-7);
            }
            var last = new DateTime(year, month, DateTime.DaysInMonth(year, month));
            var back = last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7) - 7 * (-week - 1));
            return back.Month == month ? back : back.AddDays(7);
        }
    }
}
