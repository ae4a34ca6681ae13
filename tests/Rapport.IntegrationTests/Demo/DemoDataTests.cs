using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Rapport.Api;
using Rapport.Api.Demo;
using Rapport.Data;
using static Rapport.IntegrationTests.Demo.DemoTableCounts;

namespace Rapport.IntegrationTests.Demo;

/// <summary><c>rapport serve --demo</c> on SQLite: a full, deterministic data set on an empty database, and nothing on a used one.</summary>
public sealed class DemoDataTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rapport-demo-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Seed_EmptyDatabase_FillsEveryObject()
    {
        await using var app = await StartAsync("a");

        await DemoData.SeedAsync(app.Services, CancellationToken.None);

        await AssertExpectedAsync(app);
        Assert.Equal(1, await ScalarAsync(app, "SELECT count(*) FROM products WHERE active = 0"));
        Assert.Equal(4, await ScalarAsync(app, "SELECT count(*) FROM accounts WHERE parent_account_id IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM contacts WHERE account_id IS NULL OR email IS NULL OR phone NOT LIKE '+%'"));
        Assert.Equal(6, await ScalarAsync(app, "SELECT count(DISTINCT stage) FROM opportunities"));
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM opportunities WHERE amount IS NULL OR line_items IS NULL OR currency <> 'EUR'"));
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM orders WHERE total IS NULL"));
        Assert.Equal(1, await ScalarAsync(app,
            "SELECT count(*) FROM orders WHERE number = 'SO-2026-0030' AND json_extract(external_ids, '$.erp') = 'SO-2026-0030'"));
        Assert.Equal(70, await ScalarAsync(app, "SELECT count(*) FROM external_ids WHERE system = 'erp'"));
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM activities WHERE related_id IS NULL"));
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM activities WHERE owner_id NOT IN (SELECT id FROM users)"));
        Assert.Equal(0, await ScalarAsync(app,
            "SELECT count(*) FROM (SELECT campaign_id, member_object, member_id FROM campaign_members GROUP BY 1, 2, 3 HAVING count(*) > 1)"));
        // Records are spread over the team, not all owned by the admin.
        Assert.Equal(3, await ScalarAsync(app, "SELECT count(DISTINCT owner_id) FROM accounts"));
    }

    [Fact]
    public async Task Seed_Twice_SecondRunAddsNothing()
    {
        await using var app = await StartAsync("twice");
        await DemoData.SeedAsync(app.Services, CancellationToken.None);
        var first = await AllAsync(app);

        await DemoData.SeedAsync(app.Services, CancellationToken.None);

        Assert.Equal(first, await AllAsync(app));
    }

    [Fact]
    public async Task Seed_TwoFreshDatabases_SameData()
    {
        await using var one = await StartAsync("one");
        await using var two = await StartAsync("two");

        await DemoData.SeedAsync(one.Services, CancellationToken.None);
        await DemoData.SeedAsync(two.Services, CancellationToken.None);

        foreach (var sql in new[]
        {
            "SELECT last_name FROM contacts ORDER BY last_name",
            "SELECT name FROM accounts ORDER BY name",
            "SELECT email FROM contacts ORDER BY email",
            "SELECT name || ' ' || stage || ' ' || amount || ' ' || close_date FROM opportunities ORDER BY 1",
            "SELECT number || ' ' || status || ' ' || total || ' ' || ordered_at FROM orders ORDER BY number",
            "SELECT subject || ' ' || coalesce(start_at, due_at, '') FROM activities ORDER BY 1",
        })
        {
            Assert.Equal(await ColumnAsync(one, sql), await ColumnAsync(two, sql));
        }
    }

    private async Task<WebApplication> StartAsync(string name)
    {
        var app = RapportServer.Build(WebApplication.CreateBuilder(), DatabaseTarget.Parse("sqlite:" + Path.Combine(_dir, name + ".db")));
        await RapportServer.InitializeAsync(app, CancellationToken.None);
        return app;
    }
}
