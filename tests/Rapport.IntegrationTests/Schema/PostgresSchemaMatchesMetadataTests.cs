using Npgsql;
using Rapport.Data;
using Rapport.Data.Migrations;
using Rapport.Domain.Metadata;
using Rapport.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Rapport.IntegrationTests.Schema;

/// <summary>The PostgreSQL migration creates every column the metadata needs, and seeds the system tables.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaMatchesMetadataTests(PostgresFixture pg, ITestOutputHelper output)
{
    [Fact]
    public async Task Postgres_Migrate_CreatesEveryMetadataColumn()
    {
        var cs = await pg.TryNewDatabaseAsync();
        if (cs is null)
        {
            output.WriteLine($"Skipped: {pg.FailureReason}");
            return;
        }
        await Migrator.MigrateAsync(new DatabaseTarget(DatabaseProvider.Postgres, cs), CancellationToken.None);

        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        foreach (var obj in StandardObjects.All)
        {
            var actual = await ColumnsAsync(conn, obj.Table);
            Assert.True(actual.Count > 0, $"table {obj.Table} is missing");
            foreach (var expected in ExpectedSchema.For(obj))
            {
                Assert.True(actual.TryGetValue(expected.Name, out var col), $"column {obj.Table}.{expected.Name} is missing");
                Assert.Equal((expected.Name, expected.PostgresType, expected.Nullable), (expected.Name, col.Type, col.Nullable));
            }
        }
    }

    [Fact]
    public async Task Postgres_SystemTablesAndIndexes_MatchEfModelAndSpec()
    {
        var cs = await pg.TryNewDatabaseAsync();
        if (cs is null)
        {
            output.WriteLine($"Skipped: {pg.FailureReason}");
            return;
        }
        var target = new DatabaseTarget(DatabaseProvider.Postgres, cs);
        await Migrator.MigrateAsync(target, CancellationToken.None);
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();

        var model = SystemTablesAssertions.ModelColumns(target);
        Assert.Equal(9, model.Keys.Select(k => k.Table).Distinct().Count());
        foreach (var table in model.Keys.Select(k => k.Table).Distinct())
        {
            var actual = await ColumnsAsync(conn, table);
            var expected = model.Where(m => m.Key.Table == table)
                .ToDictionary(m => m.Key.Column, m => (m.Value.Type, m.Value.Nullable));
            Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
        }

        var indexes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                indexes[reader.GetString(0)] = reader.GetString(1);
        }
        foreach (var obj in StandardObjects.All)
            Assert.Contains($"ix_{obj.Table}_updated_at_id", indexes.Keys);
        Assert.Contains("UNIQUE", indexes["ux_products_sku"], StringComparison.Ordinal);
        Assert.Contains("WHERE (deleted_at IS NULL)", indexes["ux_products_sku"], StringComparison.Ordinal);
        Assert.Contains("WHERE (deleted_at IS NULL)", indexes["ux_orders_number"], StringComparison.Ordinal);
        Assert.Contains("UNIQUE", indexes["ux_users_email"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_MigrateTwice_IsIdempotentAndSeedsSystemTables()
    {
        var cs = await pg.TryNewDatabaseAsync();
        if (cs is null)
        {
            output.WriteLine($"Skipped: {pg.FailureReason}");
            return;
        }
        var target = DatabaseTarget.Parse("postgres:" + cs);
        await Migrator.MigrateAsync(target, CancellationToken.None);
        await Migrator.MigrateAsync(target, CancellationToken.None);

        await SystemTablesAssertions.SeedsExistAsync(target);
        await SystemTablesAssertions.RoundTripAsync(target);
    }

    private static async Task<Dictionary<string, (string Type, bool Nullable)>> ColumnsAsync(NpgsqlConnection conn, string table)
    {
        var result = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns " +
            "WHERE table_schema = current_schema() AND table_name = @t", conn);
        cmd.Parameters.AddWithValue("t", table);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2) == "YES");
        return result;
    }
}
