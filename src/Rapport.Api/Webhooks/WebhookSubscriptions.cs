using System.Collections.Frozen;
using Rapport.Api.Infrastructure;
using Rapport.Data.Sql;
using Rapport.Data.Webhooks;
using Rapport.Domain.Records;

namespace Rapport.Api.Webhooks;

/// <summary>
/// This process's copy of the subscriptions with their patterns compiled: the fan-out matches every change
/// against it and the sender signs with its secrets, so neither reads the table per event. It is reloaded
/// when the API changes a subscription here (<see cref="Invalidate"/>), when the fan-out sees the table's
/// fingerprint move (a change made by another process), and at the latest after <see cref="MaxAge"/>.
/// </summary>
public sealed class WebhookSubscriptions(Database db)
{
    /// <summary>How old a copy may get before a sender reloads it, for changes made by other processes.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MissReloadGap = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot? _current;
    private volatile bool _stale = true;

    /// <summary>One subscription with its compiled patterns.</summary>
    public sealed record Entry(WebhookSubscription Subscription, EventPatterns Patterns);

    /// <summary>The subscriptions as loaded at <see cref="LoadedAt"/>.</summary>
    public sealed record Snapshot(IReadOnlyList<Entry> Active, FrozenDictionary<Guid, Entry> ById, string Fingerprint, DateTime LoadedAt);

    /// <summary>Marks the copy out of date: the next use reloads it.</summary>
    public void Invalidate() => _stale = true;

    /// <summary>The current copy, reloaded first when it is out of date or older than <see cref="MaxAge"/>.</summary>
    public async ValueTask<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var current = _current;
        if (current is not null && !_stale && Timestamps.Now() - current.LoadedAt < MaxAge) return current;
        await using var s = await db.ReadAsync(ct);
        return await ReloadAsync(s, ct);
    }

    /// <summary>
    /// The copy as of <paramref name="s"/>'s view of the table: reloaded (in that session) when the table's
    /// fingerprint differs. The fan-out calls it after reading the changes it will match, so a subscription
    /// committed before one of those changes is always in the copy it matches them against.
    /// </summary>
    public async ValueTask<Snapshot> CurrentAsync(DbSession s, CancellationToken ct)
    {
        var current = _current;
        if (current is not null && !_stale && await WebhookSubscriptionStore.FingerprintAsync(s, ct) == current.Fingerprint) return current;
        return await ReloadAsync(s, ct);
    }

    /// <summary>A subscription by id; a miss reloads once (it may have been created by another process a moment ago).</summary>
    public async ValueTask<Entry?> FindAsync(Guid id, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(ct);
        if (snapshot.ById.TryGetValue(id, out var entry)) return entry;
        if (Timestamps.Now() - snapshot.LoadedAt < MissReloadGap) return null;
        Invalidate();
        return (await CurrentAsync(ct)).ById.GetValueOrDefault(id);
    }

    private async ValueTask<Snapshot> ReloadAsync(DbSession s, CancellationToken ct)
    {
        await _reload.WaitAsync(ct);
        try
        {
            _stale = false;
            var fingerprint = await WebhookSubscriptionStore.FingerprintAsync(s, ct);
            // Another caller may have reloaded while this one waited: its copy will do if the table is unchanged since.
            if (_current is { } loaded && loaded.Fingerprint == fingerprint)
                return _current = loaded with { LoadedAt = Timestamps.Now() };
            var all = await WebhookSubscriptionStore.ListAsync(s, ct);
            var entries = all.Select(w => new Entry(w, EventPatterns.Parse(w.Events))).ToList();
            var snapshot = new Snapshot([.. entries.Where(e => e.Subscription.Active)], entries.ToFrozenDictionary(e => e.Subscription.Id), fingerprint, Timestamps.Now());
            _current = snapshot;
            return snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }
}
