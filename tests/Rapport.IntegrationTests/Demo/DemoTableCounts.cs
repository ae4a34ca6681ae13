using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Api.Infrastructure;

namespace Rapport.IntegrationTests.Demo;

/// <summary>The row counts the demo data set must produce, and how to read them on either database.</summary>
internal static class DemoTableCounts
{
    public static readonly (string Table, int Count)[] Expected =
    [
        ("users", 6), ("products", 12), ("accounts", 40), ("contacts", 150), ("leads", 30), ("opportunities", 45),
        ("activities", 200), ("cases", 35), ("campaigns", 5), ("orders", 30),
    ];

    /// <summary>Every expected table's count, then the campaign members'.</summary>
    public static async Task<List<long>> AllAsync(WebApplication app)
    {
        var counts = new List<long>();
        foreach (var (table, _) in Expected) counts.Add(await CountAsync(app, table));
        counts.Add(await CountAsync(app, "campaign_members"));
        return counts;
    }

    public static async Task AssertExpectedAsync(WebApplication app)
    {
        foreach (var (table, count) in Expected)
        {
            var actual = await CountAsync(app, table);
            Assert.True(count == actual, $"{table}: expected {count}, found {actual}");
        }
        Assert.InRange(await CountAsync(app, "campaign_members"), 100, 120);
    }

    public static Task<long> CountAsync(WebApplication app, string table) =>
        ScalarAsync(app, table is "users" or "campaign_members"
            ? $"SELECT count(*) FROM {table}"
            : $"SELECT count(*) FROM {table} WHERE deleted_at IS NULL");

    public static async Task<long> ScalarAsync(WebApplication app, string sql)
    {
        await using var s = await app.Services.GetRequiredService<Database>().ReadAsync(CancellationToken.None);
        var cmd = s.Command(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<List<string>> ColumnAsync(WebApplication app, string sql)
    {
        await using var s = await app.Services.GetRequiredService<Database>().ReadAsync(CancellationToken.None);
        var cmd = s.Command(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
