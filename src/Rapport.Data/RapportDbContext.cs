using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rapport.Data.Configurations;
using Rapport.Data.Model;

namespace Rapport.Data;

/// <summary>
/// EF Core context for Rapport's system tables. One subclass per provider so each has its own model and
/// migrations; build one with <see cref="Create"/>. CRM record tables are not mapped here.
/// </summary>
public abstract class RapportDbContext : DbContext
{
    protected RapportDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<User> Users => Set<User>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<CustomField> CustomFields => Set<CustomField>();
    public DbSet<PipelineStage> PipelineStages => Set<PipelineStage>();
    public DbSet<IdempotencyKey> IdempotencyKeys => Set<IdempotencyKey>();
    public DbSet<ExternalIdMapping> ExternalIds => Set<ExternalIdMapping>();
    public DbSet<CampaignMember> CampaignMembers => Set<CampaignMember>();

    /// <summary>A new context of the right subclass for <paramref name="target"/>; the caller disposes it.</summary>
    public static RapportDbContext Create(DatabaseTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteRapportDbContext(
                Configure(new DbContextOptionsBuilder<SqliteRapportDbContext>(), target).Options),
            DatabaseProvider.Postgres => new PostgresRapportDbContext(
                Configure(new DbContextOptionsBuilder<PostgresRapportDbContext>(), target).Options),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Provider, "Unknown database provider."),
        };
    }

    /// <summary>Configures options for <paramref name="target"/> (also usable with AddDbContext / pooling).</summary>
    public static DbContextOptionsBuilder<TContext> Configure<TContext>(DbContextOptionsBuilder<TContext> builder, DatabaseTarget target)
        where TContext : RapportDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(target);
        _ = target.Provider == DatabaseProvider.Postgres
            ? builder.UseNpgsql(target.ConnectionString)
            : builder.UseSqlite(target.ConnectionString);
        // Migrations are hand-written and there is no model snapshot to compare against.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return builder;
    }

    // Provider quirks live here and only here.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<SqliteTimestampConverter>();
            configurationBuilder.Properties<Guid>().HaveConversion<SqliteGuidConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RapportDbContext).Assembly);
        if (!Database.IsNpgsql())
            return;
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.FindAnnotation(JsonColumn.Annotation) is not null)
                property.SetColumnType("jsonb");
        }
    }
}
