using Microsoft.Extensions.Logging;
using Rapport.Api.Changes;
using Rapport.Api.Infrastructure;
using Rapport.Data.Webhooks;
using Rapport.Domain.Records;

namespace Rapport.Api.Webhooks;

/// <summary>
/// Finds the deliveries that are due and that no live sender holds: retries whose time has come, deliveries
/// put back by a manual retry, ones the fan-out could not lease to a busy sender, and those of a process that
/// died (its leases run out). Claims them with a lease (<see cref="WebhookDeliveryStore.ClaimDueAsync"/>:
/// <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so several processes never claim the same one) and hands
/// them to this process's <see cref="WebhookSender"/>, as many as it has room for.
/// </summary>
public sealed class DueDeliveries(Database db, RapportSettings settings, WebhookSender sender, ILogger<DueDeliveries> log)
    : PollingWorker(db, settings, log)
{
    private const int MaxClaim = 2048;

    private readonly ChangeSignal _retryQueued = new();

    /// <summary>Every half second: the first retry comes 5 s after a failure, so this keeps it well within 10 s.</summary>
    protected override TimeSpan Poll => TimeSpan.FromMilliseconds(500);

    /// <summary>Looks at once (a manual retry was queued), not only at the next poll.</summary>
    public void Wake() => _retryQueued.Pulse();

    /// <summary>
    /// Not every write of this process (those reach the fan-out): a manual retry, or the sender's backlog falling
    /// to half, when claimed work keeps it busy without waiting for the poll.
    /// </summary>
    protected override Task Wakeup() => Task.WhenAny(_retryQueued.Next(), sender.RoomFreed.Next());

    protected override async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var room = Math.Min(MaxClaim, sender.FreeCapacity);
        if (room <= 0) return false;
        var now = Timestamps.Now();
        await using (var s = await Db.ReadAsync(ct))
            if (!await WebhookDeliveryStore.AnyDueAsync(s, now, ct)) return false;
        var claimed = await Db.Dialect.WriteAsync((s, c) => WebhookDeliveryStore.ClaimDueAsync(s, Settings.Instance, now, now + WebhookSender.Lease, room, c), ct);
        if (claimed.Count == 0) return false;
        await sender.EnqueueAsync(claimed, ct);
        return claimed.Count == room;
    }
}
