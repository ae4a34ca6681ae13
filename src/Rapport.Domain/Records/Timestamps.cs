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

    public static DateTime Truncate(DateTime value) =>
        new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);

    public static string ToText(DateTime value) => value.ToString(Format, CultureInfo.InvariantCulture);

    public static string ToText(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateTime ParseStored(string text) =>
        DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

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
