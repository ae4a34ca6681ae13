using System.Globalization;

namespace Rapport.Domain.Records;

/// <summary>
/// One text form for instants everywhere (API, JSON inside records, SQLite): UTC with microseconds,
/// fixed width, so text order is time order in every store.
/// </summary>
public static class Timestamps
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    public const string DateFormat = "yyyy-MM-dd";

    public static DateTime Now() => Truncate(DateTime.UtcNow);

    /// <summary>Now, or a microsecond after <paramref name="previous"/> if the clock has not moved past it, so updatedAt always grows.</summary>
    public static DateTime After(DateTime previous)
    {
        var now = Now();
        return now > previous ? now : previous.AddTicks(10);
    }

    public static DateTime Truncate(DateTime value) =>
        new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);

    /// <summary>The <see cref="Format"/> text, written digit by digit: it runs for every instant of every row written or sent.</summary>
    public static string ToText(DateTime value) => string.Create(27, value, static (span, v) =>
    {
        WriteDate(span, v.Year, v.Month, v.Day);
        span[10] = 'T';
        Write(span, 11, v.Hour, 2);
        span[13] = ':';
        Write(span, 14, v.Minute, 2);
        span[16] = ':';
        Write(span, 17, v.Second, 2);
        span[19] = '.';
        Write(span, 20, (int)(v.Ticks % TimeSpan.TicksPerSecond / 10), 6);
        span[26] = 'Z';
    });

    public static string ToText(DateOnly value) => string.Create(10, value, static (span, d) => WriteDate(span, d.Year, d.Month, d.Day));

    private static void WriteDate(Span<char> span, int year, int month, int day)
    {
        Write(span, 0, year, 4);
        span[4] = '-';
        Write(span, 5, month, 2);
        span[7] = '-';
        Write(span, 8, day, 2);
    }

    private static void Write(Span<char> span, int start, int value, int digits)
    {
        for (var i = start + digits - 1; i >= start; i--)
        {
            span[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>Reads the stored form (<see cref="Format"/>) without the general parser: it runs for every instant of every row read.</summary>
    public static DateTime ParseStored(string text)
    {
        var s = text.AsSpan();
        if (s.Length != 27 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[26] != 'Z')
            return DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var value = new DateTime(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2), Digits(s, 11, 2), Digits(s, 14, 2), Digits(s, 17, 2), DateTimeKind.Utc);
        return value.AddTicks(Digits(s, 20, 6) * 10L);
    }

    private static int Digits(ReadOnlySpan<char> s, int start, int count)
    {
        var n = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) throw new FormatException($"'{s.ToString()}' is not a stored timestamp.");
            n = n * 10 + d;
        }
        return n;
    }

    /// <summary>Parses an ISO 8601 instant that names its offset (Z or ±hh:mm); local times are refused.</summary>
    public static bool TryParseInstant(string text, out DateTime value)
    {
        value = default;
        if (text.Length < 20 || !(text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text))) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto)) return false;
        if (text[4] != '-' || text[10] is not ('T' or 't')) return false;
        value = Truncate(dto.UtcDateTime);
        return true;
    }

    public static bool TryParseDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static bool HasOffset(string text)
    {
        var sign = text[^6];
        return (sign == '+' || sign == '-') && text[^3] == ':';
    }
}
