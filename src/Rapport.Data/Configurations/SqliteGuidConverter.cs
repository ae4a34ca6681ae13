using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rapport.Data.Configurations;

/// <summary>
/// Stores <see cref="Guid"/> in SQLite as the lower-case canonical 36-character string, like the CRM tables
/// (EF's default would be upper case, which would not join with them).
/// </summary>
public sealed class SqliteGuidConverter() : ValueConverter<Guid, string>(
    v => v.ToString("D"),
    v => Guid.Parse(v));
