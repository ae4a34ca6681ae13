using Microsoft.Extensions.DependencyInjection;
using Rapport.Api.Infrastructure;
using Rapport.Data.Changes;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Changes;

/// <summary>
/// The leases that let several servers and workers share a consumer of the feed (webhook fan-out, bus):
/// one owner at a time, a dead owner's lease taken over once it runs out, a lost lease cannot move the position.
/// </summary>
public abstract class ChangeConsumersTests
{
    protected abstract Task<RapportApp?> StartAsync();

    [Fact]
    public async Task Lease_HeldByOneOwner_OthersWaitUntilItRunsOutThenTakeOverFromItsPosition()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var db = app.Services.GetRequiredService<Database>();
        var t0 = new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
        Task<T> Write<T>(Func<Rapport.Data.Sql.DbSession, CancellationToken, Task<T>> work) => db.Dialect.WriteAsync(work, CancellationToken.None);

        Assert.Equal(0, await Write((s, c) => ChangeConsumers.TryLeaseAsync(s, "test", "a", t0, t0.AddSeconds(30), c)));
        Assert.True(await Write((s, c) => ChangeConsumers.AdvanceAsync(s, "test", "a", 42, t0, c)));
        Assert.Null(await Write((s, c) => ChangeConsumers.TryLeaseAsync(s, "test", "b", t0.AddSeconds(10), t0.AddSeconds(40), c)));
        Assert.Equal(42, await Write((s, c) => ChangeConsumers.TryLeaseAsync(s, "test", "a", t0.AddSeconds(20), t0.AddSeconds(50), c)));

        // "a" dies: its renewed lease runs out at 50 s and "b" takes over where "a" got to.
        Assert.Null(await Write((s, c) => ChangeConsumers.TryLeaseAsync(s, "test", "b", t0.AddSeconds(49), t0.AddSeconds(79), c)));
        Assert.Equal(42, await Write((s, c) => ChangeConsumers.TryLeaseAsync(s, "test", "b", t0.AddSeconds(51), t0.AddSeconds(81), c)));
        Assert.False(await Write((s, c) => ChangeConsumers.AdvanceAsync(s, "test", "a", 99, t0.AddSeconds(52), c)));
        Assert.True(await Write((s, c) => ChangeConsumers.AdvanceAsync(s, "test", "b", 43, t0.AddSeconds(52), c)));

        await Write(async (s, c) => { await ChangeConsumers.ReleaseAsync(s, "test", "b", c); return 0; });
        Assert.Equal(43, await Write((s, c) => ChangeConsumers.TryLeaseAsync(s, "test", "a", t0.AddSeconds(53), t0.AddSeconds(83), c)));
    }

    [Fact]
    public async Task RaisePosition_NeverLowersTheRetentionFloor()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var db = app.Services.GetRequiredService<Database>();
        var now = DateTime.UtcNow;
        await db.Dialect.WriteAsync(async (s, c) => { await ChangeConsumers.RaisePositionAsync(s, ChangeConsumers.Retention, 100, now, c); return 0; }, CancellationToken.None);
        await db.Dialect.WriteAsync(async (s, c) => { await ChangeConsumers.RaisePositionAsync(s, ChangeConsumers.Retention, 50, now, c); return 0; }, CancellationToken.None);
        await using var read = await db.ReadAsync(CancellationToken.None);
        Assert.Equal(100, await ChangeConsumers.PositionAsync(read, ChangeConsumers.Retention, CancellationToken.None));
    }
}

public sealed class ChangeConsumersTests_Sqlite : ChangeConsumersTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ChangeConsumersTests_Postgres(PostgresFixture pg) : ChangeConsumersTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
