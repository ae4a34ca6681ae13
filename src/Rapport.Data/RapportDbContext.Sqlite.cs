using Microsoft.EntityFrameworkCore;

namespace Rapport.Data;

/// <summary>The SQLite flavour of <see cref="RapportDbContext"/> (migrations in <c>Migrations/Sqlite</c>).</summary>
public sealed class SqliteRapportDbContext(DbContextOptions<SqliteRapportDbContext> options) : RapportDbContext(options);
