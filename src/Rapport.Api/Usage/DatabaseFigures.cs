using Microsoft.Extensions.Logging;
using Rapport.Api.Infrastructure;
using Rapport.Data.Changes;
using Rapport.Data.Sql;

namespace Rapport.Api.Usage;

/// <summary>The database's figures at one moment: change feed, its consumers, webhooks and jobs.</summary>
public sealed record DatabaseSnapshot(
    bool Up,
    DateTime At,
    long LastSeq,
    IReadOnlyList<(string Consumer, long Position)> Consumers,
    IReadOnlyList<(string Status, long Count)> Subscriptions,
    IReadOnlyList<(string Status, long Count)> Deliveries,
    IReadOnlyList<(string Kind, string Status, long Count)> Jobs);

/// <summary>
/// Reads the figures <c>/metrics</c> shows from the database, at most once per <see cref="MaxAge"/>: however
/// often and however many scrapers ask, the database sees a handful of small queries every few seconds.
/// </summary>
public sealed class DatabaseFigures(Database db, ILogger<DatabaseFigures> log)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DatabaseSnapshot? _last;

    public async Task<DatabaseSnapshot> GetAsync(CancellationToken ct)
    {
        if (Fresh(_last) is { } cached) return cached;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh(_last) is { } other) return other;
            return _last = await ReadAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static DatabaseSnapshot? Fresh(DatabaseSnapshot? snapshot) =>
        snapshot is not null && DateTime.UtcNow - snapshot.At < MaxAge ? snapshot : null;

    private async Task<DatabaseSnapshot> ReadAsync(CancellationToken ct)
    {
        try
        {
            await using var s = await db.ReadAsync(ct);
            var last = await ChangeStore.LastSeqAsync(s, ct);
            var consumers = (await RowsAsync(s, "SELECT name, position FROM change_consumers ORDER BY name", 1, ct)).Select(r => (r.Keys[0], r.Count)).ToList();
            var subscriptions = (await RowsAsync(s, "SELECT status, count(*) FROM webhook_subscriptions GROUP BY status ORDER BY status", 1, ct)).Select(r => (r.Keys[0], r.Count)).ToList();
            var deliveries = (await RowsAsync(s, "SELECT status, count(*) FROM webhook_deliveries GROUP BY status ORDER BY status", 1, ct)).Select(r => (r.Keys[0], r.Count)).ToList();
            var jobs = (await RowsAsync(s, "SELECT kind, status, count(*) FROM jobs GROUP BY kind, status ORDER BY kind, status", 2, ct)).Select(r => (r.Keys[0], r.Keys[1], r.Count)).ToList();
            return new DatabaseSnapshot(true, DateTime.UtcNow, last, consumers, subscriptions, deliveries, jobs);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not read the database figures for /metrics");
            return new DatabaseSnapshot(false, DateTime.UtcNow, 0, [], [], [], []);
        }
    }

    /// <summary>Rows of <paramref name="keys"/> text columns followed by one number.</summary>
    private static async Task<List<(string[] Keys, long Count)>> RowsAsync(DbSession s, string sql, int keys, CancellationToken ct)
    {
        var rows = new List<(string[] Keys, long Count)>();
        await using var reader = await s.Command(sql).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var k = new string[keys];
            for (var i = 0; i < keys; i++) k[i] = reader.GetString(i);
            rows.Add((k, Convert.ToInt64(reader.GetValue(keys), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return rows;
    }
}
