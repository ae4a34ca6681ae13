using Microsoft.Extensions.Logging;
using Rapport.Api.Changes;
using Rapport.Api.Infrastructure;
using Rapport.Data.Webhooks;
using Rapport.Domain.Records;

namespace Rapport.Api.Webhooks;

/// <summary>
/// Keeps the delivery log as long as the change feed keeps changes (<see cref="RapportSettings.ChangeRetention"/>):
/// older deliveries and attempts are deleted, a chunk per transaction. A delivery that old cannot be sent any
/// more anyway, since its change is gone.
/// </summary>
public sealed class WebhookRetention(Database db, RapportSettings settings, ILogger<WebhookRetention> log) : PollingWorker(db, settings, log)
{
    private const int Chunk = 10_000;

    private DateTime _nextRun = DateTime.MinValue;

    protected override TimeSpan Poll => TimeSpan.FromHours(1);

    protected override async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        // Every write of this process wakes the workers; retention needs to run only once per poll.
        var now = Timestamps.Now();
        if (now < _nextRun) return false;
        var more = await DeleteBeforeAsync(now - Settings.ChangeRetention, ct) == Chunk;
        if (!more) _nextRun = now + Poll;
        return more;
    }

    /// <summary>Deletes up to a chunk each of deliveries and attempts from before <paramref name="cutoff"/>; returns the larger count.</summary>
    public Task<int> DeleteBeforeAsync(DateTime cutoff, CancellationToken ct) =>
        Db.Dialect.WriteAsync(async (s, c) =>
        {
            var attempts = await WebhookAttemptStore.DeleteBeforeAsync(s, cutoff, Chunk, c);
            var deliveries = await WebhookDeliveryStore.DeleteBeforeAsync(s, cutoff, Chunk, c);
            return Math.Max(attempts, deliveries);
        }, ct);
}
