using System.Runtime.CompilerServices;
using Npgsql;
using Rapport.Data;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database per test without migrating each one: the first test's database (from
/// <see cref="PostgresFixture.TryNewDatabaseAsync"/>) is migrated and prepared once, and every test then
/// gets its own copy through <c>CREATE DATABASE ... TEMPLATE</c>, which costs a file copy instead of
/// hundreds of DDL statements.
/// </summary>
public static class PostgresTemplate
{
    private static readonly ConditionalWeakTable<PostgresFixture, Lazy<Task<string>>> Templates = new();
    private static readonly SemaphoreSlim CloneGate = new(1, 1);
    private static int _counter;

    /// <summary>
    /// The connection string of a new database holding the prepared schema and data; null when PostgreSQL
    /// is unavailable and not required. Throws when it is required but unavailable (as the fixture does).
    /// </summary>
    public static async Task<string?> NewDatabaseAsync(PostgresFixture pg, Func<DatabaseTarget, CancellationToken, Task> prepare)
    {
        if (!pg.IsAvailable) return await pg.TryNewDatabaseAsync();
        var template = await Templates.GetValue(pg, fixture => new Lazy<Task<string>>(() => CreateTemplateAsync(fixture, prepare))).Value;
        var name = $"rt{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"; // at most 48 characters, under PostgreSQL's 63
        await CloneGate.WaitAsync();
        try
        {
            await ExecAsync(pg, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            CloneGate.Release();
        }
        return new NpgsqlConnectionStringBuilder(pg.Server!.ConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops a test's database, closing whatever connections the app left open.</summary>
    public static Task DropAsync(PostgresFixture pg, string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        return ExecAsync(pg, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task<string> CreateTemplateAsync(PostgresFixture pg, Func<DatabaseTarget, CancellationToken, Task> prepare)
    {
        var cs = await pg.NewDatabaseAsync();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
            await prepare(new DatabaseTarget(DatabaseProvider.Postgres, cs), cts.Token);
        using (var connection = new NpgsqlConnection(cs)) NpgsqlConnection.ClearPool(connection);
        var name = new NpgsqlConnectionStringBuilder(cs).Database!;
        // A template must have no other sessions; pools of the migration may still hold some.
        await ExecAsync(pg, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        return name;
    }

    private static async Task ExecAsync(PostgresFixture pg, string sql)
    {
        await using var admin = new NpgsqlConnection(pg.Server!.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
