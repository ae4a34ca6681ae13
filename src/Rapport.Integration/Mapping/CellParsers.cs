using System.Globalization;
using Rapport.Domain.Records;

namespace Rapport.Integration.Mapping;

/// <summary>
/// Culture-free readers for the text of a cell: numbers (invariant, or with the mapping's separators),
/// lenient booleans and ISO 8601 dates and instants. Hand-written because they run for every cell.
/// </summary>
internal static class CellParsers
{
    private const int MaxNumberLength = 64;

    /// <summary>true/false, yes/no, y/n, 1/0, x, ja/nein, oui/non, on/off, t/f, wahr/falsch, si; any case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> s, out bool value)
    {
        value = false;
        if (s.Length is 0 or > 6) return false;
        Span<char> lower = stackalloc char[s.Length];
        s.ToLowerInvariant(lower);
        switch (lower)
        {
            case "true" or "yes" or "y" or "1" or "x" or "ja" or "j" or "oui" or "on" or "t" or "wahr" or "si" or "sí":
                value = true;
                return true;
            case "false" or "no" or "n" or "0" or "nein" or "non" or "off" or "f" or "falsch":
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A number written with <paramref name="format"/>'s separators, or invariantly (1234.5, -3, 1.5E3)
    /// when there is none. Currency symbols, percent signs and stray text are refused.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> s, NumberFormat? format, out decimal value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > MaxNumberLength) return false;
        if (format is null)
            return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value);
        Span<char> buffer = stackalloc char[s.Length];
        var n = 0;
        var seenDecimal = false;
        var digits = 0;
        var lastWasGroup = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c)) { buffer[n++] = c; digits++; lastWasGroup = false; continue; }
            if (c == format.Decimal && !seenDecimal)
            {
                if (lastWasGroup) return false;
                seenDecimal = true;
                buffer[n++] = '.';
                continue;
            }
            if (IsGroup(c, format.Group))
            {
                // Group separators sit between digits of the whole part only.
                if (seenDecimal || digits == 0 || lastWasGroup) return false;
                lastWasGroup = true;
                continue;
            }
            if ((c is '-' or '+') && n == 0) { buffer[n++] = c; continue; }
            return false;
        }
        if (digits == 0 || lastWasGroup) return false;
        return decimal.TryParse(buffer[..n], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsGroup(char c, string group)
    {
        foreach (var g in group)
            if (c == g || (g == ' ' && c is '\u00A0' or '\u202F')) return true;
        return false;
    }

    /// <summary>yyyy-MM-dd, or an ISO date-time whose date part is taken as written.</summary>
    public static bool TryParseIsoDate(ReadOnlySpan<char> s, out DateOnly value)
    {
        value = default;
        if (s.Length < 10 || !TryDatePart(s, out var y, out var m, out var d)) return false;
        if (s.Length > 10 && !TryParseIsoInstant(s, out _)) return false;
        value = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>
    /// An ISO 8601 instant: yyyy-MM-dd, then T (or a space) HH:mm[:ss[.fffffff]], then Z, ±hh:mm, ±hhmm,
    /// ±hh or nothing. No offset means UTC, and a bare date means midnight UTC. The result is UTC.
    /// </summary>
    public static bool TryParseIsoInstant(ReadOnlySpan<char> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 10 || !TryDatePart(s, out var y, out var mo, out var d)) return false;
        var value = new DateTime(y, mo, d, 0, 0, 0, DateTimeKind.Utc);
        if (s.Length == 10) { utc = value; return true; }
        if (s[10] is not ('T' or 't' or ' ') || s.Length < 16) return false;
        if (!Two(s, 11, out var h) || s[13] != ':' || !Two(s, 14, out var mi) || h > 23 || mi > 59) return false;
        var pos = 16;
        var sec = 0;
        long ticks = 0;
        if (pos < s.Length && s[pos] == ':')
        {
            if (!Two(s, pos + 1, out sec) || sec > 59) return false;
            pos += 3;
            if (pos < s.Length && s[pos] is '.' or ',')
            {
                pos++;
                var digits = 0;
                while (pos < s.Length && char.IsAsciiDigit(s[pos]))
                {
                    if (digits < 7) { ticks = ticks * 10 + (s[pos] - '0'); digits++; }
                    pos++;
                }
                if (digits == 0) return false;
                for (; digits < 7; digits++) ticks *= 10;
            }
        }
        var offset = 0;
        if (pos < s.Length)
        {
            var c = s[pos];
            if (c is 'Z' or 'z') { if (pos + 1 != s.Length) return false; }
            else if (c is '+' or '-')
            {
                var rest = s[(pos + 1)..];
                int oh, om = 0;
                if (rest.Length == 2 && Two(rest, 0, out oh)) { }
                else if (rest.Length == 4 && Two(rest, 0, out oh) && Two(rest, 2, out om)) { }
                else if (rest.Length == 5 && Two(rest, 0, out oh) && rest[2] == ':' && Two(rest, 3, out om)) { }
                else return false;
                if (oh > 14 || om > 59) return false;
                offset = (c == '-' ? -1 : 1) * (oh * 60 + om);
            }
            else return false;
        }
        value = value.AddTicks(h * TimeSpan.TicksPerHour + mi * TimeSpan.TicksPerMinute + sec * TimeSpan.TicksPerSecond + ticks);
        try
        {
            utc = value.AddMinutes(-offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
        return true;
    }

    private static bool TryDatePart(ReadOnlySpan<char> s, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (s[4] != '-' || s[7] != '-') return false;
        if (!Two(s, 0, out var hi) || !Two(s, 2, out var lo) || !Two(s, 5, out month) || !Two(s, 8, out day)) return false;
        year = hi * 100 + lo;
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool Two(ReadOnlySpan<char> s, int at, out int value)
    {
        value = 0;
        if (at + 2 > s.Length) return false;
        int a = s[at] - '0', b = s[at + 1] - '0';
        if ((uint)a > 9 || (uint)b > 9) return false;
        value = a * 10 + b;
        return true;
    }

    /// <summary>Whether a parsed instant is already in the stored form (yyyy-MM-ddTHH:mm:ss.ffffffZ), so it can be kept as it is.</summary>
    public static bool IsCanonicalInstant(ReadOnlySpan<char> s) =>
        s.Length == 27 && s[10] == 'T' && s[19] == '.' && s[26] == 'Z';

    public static string FormatDate(DateOnly date) => Timestamps.ToText(date);

    public static string FormatInstant(DateTime utc) => Timestamps.ToText(Timestamps.Truncate(utc));
}
