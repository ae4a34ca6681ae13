using Npgsql;
using Xunit.Abstractions;

namespace Rapport.IntegrationTests.Infrastructure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresFixture pg, ITestOutputHelper output)
{
    [Fact]
    public async Task PostgresServer_Start_AcceptsConnectionsAndCreatesDatabases()
    {
        // Fails (InvalidOperationException with the reason) when PostgreSQL is required but unavailable.
        var cs = await pg.TryNewDatabaseAsync();
        if (cs is null)
        {
            output.WriteLine($"Skipped: {pg.FailureReason}");
            return; // not available and not required: skipped
        }
        output.WriteLine($"PostgreSQL ready in {pg.Server!.StartupDuration.TotalMilliseconds:0} ms " +
                         $"({(pg.Server.IsOwned ? "private server" : "RAPPORT_TEST_PG")})");

        var database = new NpgsqlConnectionStringBuilder(cs).Database;
        Assert.NotEqual("postgres", database);

        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        Assert.Equal(database, conn.Database);

        await using (var cmd = new NpgsqlCommand("select 1", conn))
            Assert.Equal(1, Convert.ToInt32(await cmd.ExecuteScalarAsync()));

        // The database is fresh and empty: no user tables.
        await using (var cmd = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema not in ('pg_catalog','information_schema')", conn))
            Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }
}
