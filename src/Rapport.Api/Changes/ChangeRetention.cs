using Microsoft.Extensions.Logging;
using Rapport.Api.Infrastructure;
using Rapport.Data.Changes;
using Rapport.Domain.Records;

namespace Rapport.Api.Changes;

/// <summary>
/// Deletes changes older than the retention window (<see cref="RapportSettings.ChangeRetention"/>) and
/// raises the feed's floor in the same transaction, so a reader behind it is told (410) instead of
/// silently missing what was deleted.
/// </summary>
public sealed class ChangeRetention(Database db, RapportSettings settings, ILogger<ChangeRetention> log) : PollingWorker(db, settings, log)
{
    private const int Chunk = 10_000;

    protected override TimeSpan Poll => TimeSpan.FromHours(1);

    protected override async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        return await DeleteBeforeAsync(Timestamps.Now() - Settings.ChangeRetention, ct) == Chunk;
    }

    /// <summary>Deletes up to one chunk of changes recorded before <paramref name="cutoff"/>; returns how many seqs the floor rose by at most.</summary>
    public async Task<int> DeleteBeforeAsync(DateTime cutoff, CancellationToken ct) =>
        await Db.WriteAsync(async (s, c) =>
        {
            var before = await ChangeConsumers.PositionAsync(s, ChangeConsumers.Retention, c);
            if (await ChangeStore.DeleteBeforeAsync(s, cutoff, Chunk, c) is not { } floor) return 0;
            await ChangeConsumers.RaisePositionAsync(s, ChangeConsumers.Retention, floor, Timestamps.Now(), c);
            return (int)Math.Min(Chunk, floor - before);
        }, ct);
}
