using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rapport.Data.Configurations;

/// <summary>
/// Keeps <see cref="DateTime"/> values in UTC: writes convert to UTC (an unspecified kind is taken as UTC),
/// reads come back with <see cref="DateTimeKind.Utc"/>. Used for PostgreSQL <c>timestamp with time zone</c>.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => ToUtc(v),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
