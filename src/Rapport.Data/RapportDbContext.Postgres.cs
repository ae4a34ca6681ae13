using Microsoft.EntityFrameworkCore;

namespace Rapport.Data;

/// <summary>The PostgreSQL flavour of <see cref="RapportDbContext"/> (migrations in <c>Migrations/Postgres</c>).</summary>
public sealed class PostgresRapportDbContext(DbContextOptions<PostgresRapportDbContext> options) : RapportDbContext(options);
