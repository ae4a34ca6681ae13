using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Api;
using Rapport.Api.Demo;
using Rapport.Api.Infrastructure;
using Rapport.Data;

namespace Rapport.IntegrationTests.Demo;

/// <summary><c>rapport serve --demo</c>: a full, deterministic data set on an empty database, and nothing on a used one.</summary>
public sealed class DemoDataTests : IDisposable
{
    private static readonly (string Table, int Count)[] Expected =
    [
        ("users", 6), ("products", 12), ("accounts", 40), ("contacts", 150), ("leads", 30), ("opportunities", 45),
        ("activities", 200), ("cases", 35), ("campaigns", 5), ("orders", 30),
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rapport-demo-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => CancellationToken.None;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Seed_EmptyDatabase_FillsEveryObject()
    {
        await using var app = await StartAsync("a");
        await DemoData.SeedAsync(app.Services, Ct);

        foreach (var (table, count) in Expected)
            Assert.True(count == await CountAsync(app, table), $"{table}: expected {count}, found {await CountAsync(app, table)}");
        Assert.InRange(await CountAsync(app, "campaign_members"), 100, 120);
        Assert.Equal(1, await ScalarAsync(app, "SELECT count(*) FROM products WHERE active = 0"));
        Assert.Equal(4, await ScalarAsync(app, "SELECT count(*) FROM accounts WHERE parent_account_id IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM contacts WHERE account_id IS NULL OR email IS NULL OR phone NOT LIKE '+%'"));
        Assert.Equal(6, await ScalarAsync(app, "SELECT count(DISTINCT stage) FROM opportunities"));
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM opportunities WHERE amount IS NULL OR line_items IS NULL"));
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM orders WHERE total IS NULL"));
        Assert.Equal(1, await ScalarAsync(app, "SELECT count(*) FROM orders WHERE number = 'SO-2026-0030' AND json_extract(external_ids, '$.erp') = 'SO-2026-0030'"));
        Assert.Equal(70, await ScalarAsync(app, "SELECT count(*) FROM external_ids WHERE system = 'erp'"));
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM activities WHERE related_id IS NULL"));
        Assert.Equal(5, await ScalarAsync(app, "SELECT count(DISTINCT owner_id) FROM contacts") + await ScalarAsync(app, "SELECT count(DISTINCT owner_id) FROM cases"));
        Assert.Equal(0, await ScalarAsync(app,
            "SELECT count(*) FROM (SELECT campaign_id, member_object, member_id FROM campaign_members GROUP BY 1, 2, 3 HAVING count(*) > 1)"));
    }

    [Fact]
    public async Task Seed_Twice_SecondRunAddsNothing()
    {
        await using var app = await StartAsync("twice");
        await DemoData.SeedAsync(app.Services, Ct);
        var first = await AllCountsAsync(app);

        await DemoData.SeedAsync(app.Services, Ct);

        Assert.Equal(first, await AllCountsAsync(app));
    }

    [Fact]
    public async Task Seed_TwoFreshDatabases_SameData()
    {
        await using var one = await StartAsync("one");
        await using var two = await StartAsync("two");
        await DemoData.SeedAsync(one.Services, Ct);
        await DemoData.SeedAsync(two.Services, Ct);

        foreach (var sql in new[]
        {
            "SELECT last_name FROM contacts ORDER BY last_name",
            "SELECT name FROM accounts ORDER BY name",
            "SELECT email FROM contacts ORDER BY email",
            "SELECT name || ' ' || stage || ' ' || amount FROM opportunities ORDER BY name",
            "SELECT number || ' ' || status || ' ' || total || ' ' || ordered_at FROM orders ORDER BY number",
            "SELECT subject || ' ' || coalesce(start_at, due_at, '') FROM activities ORDER BY 1",
        })
        {
            Assert.Equal(await ColumnAsync(one, sql), await ColumnAsync(two, sql));
        }
    }

    private async Task<WebApplication> StartAsync(string name)
    {
        var builder = WebApplication.CreateBuilder();
        var app = RapportServer.Build(builder, DatabaseTarget.Parse("sqlite:" + Path.Combine(_dir, name + ".db")));
        await RapportServer.InitializeAsync(app, Ct);
        return app;
    }

    private static async Task<List<long>> AllCountsAsync(WebApplication app)
    {
        var counts = new List<long>();
        foreach (var (table, _) in Expected) counts.Add(await CountAsync(app, table));
        counts.Add(await CountAsync(app, "campaign_members"));
        return counts;
    }

    private static Task<long> CountAsync(WebApplication app, string table) =>
        ScalarAsync(app, table is "users" or "campaign_members"
            ? $"SELECT count(*) FROM {table}"
            : $"SELECT count(*) FROM {table} WHERE deleted_at IS NULL");

    private static async Task<long> ScalarAsync(WebApplication app, string sql)
    {
        await using var s = await app.Services.GetRequiredService<Database>().ReadAsync(Ct);
        await using var cmd = s.Command(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> ColumnAsync(WebApplication app, string sql)
    {
        await using var s = await app.Services.GetRequiredService<Database>().ReadAsync(Ct);
        await using var cmd = s.Command(sql);
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct)) values.Add(reader.GetString(0));
        return values;
    }
}
