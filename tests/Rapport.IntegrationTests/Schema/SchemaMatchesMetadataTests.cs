using Microsoft.Data.Sqlite;
using Rapport.Data;
using Rapport.Data.Migrations;
using Rapport.Domain.Metadata;

namespace Rapport.IntegrationTests.Schema;

/// <summary>The SQLite migration creates every column the metadata needs, and seeds the system tables.</summary>
public sealed class SchemaMatchesMetadataTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rapport-schema-" + Guid.NewGuid().ToString("N"));

    // A sub-directory that does not exist yet: the migrator must create it.
    private DatabaseTarget Target => DatabaseTarget.Parse("sqlite:" + Path.Combine(_dir, "data", "rapport.db"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Sqlite_Migrate_CreatesEveryMetadataColumn()
    {
        await Migrator.MigrateAsync(Target, CancellationToken.None);

        await using var conn = new SqliteConnection(Target.ConnectionString);
        await conn.OpenAsync();
        foreach (var obj in StandardObjects.All)
        {
            var actual = await ColumnsAsync(conn, obj.Table);
            Assert.True(actual.Count > 0, $"table {obj.Table} is missing");
            foreach (var expected in ExpectedSchema.For(obj))
            {
                Assert.True(actual.TryGetValue(expected.Name, out var col), $"column {obj.Table}.{expected.Name} is missing");
                Assert.Equal((expected.Name, expected.SqliteType, expected.Nullable), (expected.Name, col.Type, !col.NotNull));
            }
            Assert.Contains($"ix_{obj.Table}_updated_at_id", await IndexesAsync(conn, obj.Table));
        }
        Assert.Contains("ux_products_sku", await IndexesAsync(conn, "products"));
        Assert.Contains("ux_orders_number", await IndexesAsync(conn, "orders"));
        Assert.Equal("wal", await ScalarAsync(conn, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Sqlite_MigrateTwice_IsIdempotentAndSeedsSystemTables()
    {
        await Migrator.MigrateAsync(Target, CancellationToken.None);
        await Migrator.MigrateAsync(Target, CancellationToken.None);

        await SystemTablesAssertions.SeedsExistAsync(Target);
        await SystemTablesAssertions.RoundTripAsync(Target);

        // Guids are stored as lower-case canonical text, like the CRM tables.
        await using var conn = new SqliteConnection(Target.ConnectionString);
        await conn.OpenAsync();
        Assert.Equal("00000000-0000-7000-8000-000000000001", await ScalarAsync(conn, "SELECT id FROM users"));
        var id = (string)(await ScalarAsync(conn, "SELECT id FROM api_clients"))!;
        Assert.Equal(id.ToLowerInvariant(), id);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", (string)(await ScalarAsync(conn, "SELECT created_at FROM api_clients"))!);
    }

    [Fact]
    public async Task Sqlite_SystemTables_MatchEfModel()
    {
        await Migrator.MigrateAsync(Target, CancellationToken.None);
        await using var conn = new SqliteConnection(Target.ConnectionString);
        await conn.OpenAsync();
        var model = SystemTablesAssertions.ModelColumns(Target);
        Assert.Equal(9, model.Keys.Select(k => k.Table).Distinct().Count());
        foreach (var table in model.Keys.Select(k => k.Table).Distinct())
        {
            var actual = await ColumnsAsync(conn, table);
            var expected = model.Where(m => m.Key.Table == table)
                .ToDictionary(m => m.Key.Column, m => (m.Value.Type, !m.Value.Nullable));
            Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
        }
    }

    private static async Task<Dictionary<string, (string Type, bool NotNull)>> ColumnsAsync(SqliteConnection conn, string table)
    {
        var result = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT name, type, \"notnull\" FROM pragma_table_info('{table}')";
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2) != 0);
        return result;
    }

    private static async Task<List<string>> IndexesAsync(SqliteConnection conn, string table)
    {
        var result = new List<string>();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT name FROM pragma_index_list('{table}')";
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result.Add(reader.GetString(0));
        return result;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}
