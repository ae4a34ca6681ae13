using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rapport.Data.Configurations;

/// <summary>
/// Stores <see cref="DateTime"/> in SQLite as fixed-width UTC text (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>),
/// the format the CRM tables use, so text order is time order. Reads return <see cref="DateTimeKind.Utc"/>.
/// </summary>
public sealed class SqliteTimestampConverter() : ValueConverter<DateTime, string>(
    v => Format(v),
    v => Parse(v))
{
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Format(DateTime value) =>
        UtcDateTimeConverter.ToUtc(value).ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTime Parse(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
