using Microsoft.Extensions.DependencyInjection;
using Rapport.Data.Quality;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Quality;

/// <summary>The audit table keeps exactly what was written, on both databases (SQLite binds by position through its own API).</summary>
public abstract class AuditStoreTests
{
    protected abstract Task<RapportApp?> StartAsync();

    [Fact]
    public async Task Add_ManyEntriesWithAwkwardText_ReadBackExactly()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var db = app.Services.GetRequiredService<Rapport.Api.Infrastructure.Database>();
        var record = Guid.CreateVersion7();
        var start = new DateTime(2026, 11, 22, 13, 0, 0, DateTimeKind.Utc);
        // More than one statement's worth on PostgreSQL (100), an empty client id (bound as '' and not NULL),
        // quotes, backslashes, non-ASCII and text beyond the basic plane.
        var entries = Enumerable.Range(0, 150).Select(i => new AuditEntry(Guid.CreateVersion7(), "contacts", record, start.AddTicks(i * 10),
            i == 7 ? "" : $"rpc_{i}", AuditActions.Normalised,
            $$"""{"changes":[{"field":"lastName","from":"o'neil \"{{i}}\" \\ Straße 日本 😀","to":"O'Neil","rule":"name","note":null}]}""")).ToList();

        await db.WriteAsync(async (s, ct) => { await AuditStore.AddAsync(s, entries, ct); return 0; }, CancellationToken.None);
        await db.WriteAsync(async (s, ct) => { await AuditStore.AddAsync(s, [], ct); return 0; }, CancellationToken.None);

        await using var session = await db.ReadAsync(CancellationToken.None);
        var read = await AuditStore.ListAsync(session, "contacts", record, 1000, CancellationToken.None);
        Assert.Equal(150, read.Count);
        foreach (var (expected, actual) in entries.OrderByDescending(e => e.Id).Zip(read))
        {
            Assert.Equal(expected with { DetailsJson = "" }, actual with { DetailsJson = "" });
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected.DetailsJson), System.Text.Json.Nodes.JsonNode.Parse(actual.DetailsJson)),
                $"{expected.DetailsJson}\n!=\n{actual.DetailsJson}");
        }
    }
}

public sealed class AuditStoreTests_Sqlite : AuditStoreTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class AuditStoreTests_Postgres(PostgresFixture pg) : AuditStoreTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
