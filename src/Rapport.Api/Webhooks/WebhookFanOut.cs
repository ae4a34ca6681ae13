using Microsoft.Extensions.Logging;
using Rapport.Api.Changes;
using Rapport.Api.Infrastructure;
using Rapport.Data;
using Rapport.Data.Changes;
using Rapport.Data.Sql;
using Rapport.Data.Webhooks;
using Rapport.Domain.Records;

namespace Rapport.Api.Webhooks;

/// <summary>
/// Turns changes into deliveries: follows the change feed as the <c>webhooks</c> consumer, matches each change
/// against the active subscriptions, and inserts one delivery per (subscription, change) in the same
/// transaction that moves the consumer's position on. One process at a time holds the consumer's lease, and
/// the lease row stays locked until that transaction commits, so every change fans out exactly once, also
/// with several servers and workers on one database. The new deliveries are leased to this process and
/// handed to its <see cref="WebhookSender"/> after the commit, so they go out at once instead of at a poll.
/// </summary>
public sealed class WebhookFanOut(Database db, RapportSettings settings, WebhookSubscriptions subscriptions, WebhookSender sender, ILogger<WebhookFanOut> log)
    : PollingWorker(db, settings, log)
{
    /// <summary>The consumer name in <c>change_consumers</c>.</summary>
    public const string Consumer = "webhooks";

    private const int Batch = 1000;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RenewWhenLeft = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RetryLeaseAfter = TimeSpan.FromSeconds(2);

    /// <summary>
    /// With no active subscription a round only moves the position on, so once a second is enough. The round
    /// itself reads the subscriptions in its transaction, so one created meanwhile still gets its events.
    /// </summary>
    private static readonly TimeSpan IdleRoundGap = TimeSpan.FromSeconds(1);

    private long _position;
    private DateTime _leaseUntil = DateTime.MinValue;
    private DateTime _nextLeaseTry = DateTime.MinValue;
    private DateTime _nextIdleRound = DateTime.MinValue;

    private sealed record Round(long Position, List<DeliveryWork> Leased, bool More);

    /// <summary>
    /// Writes of this process wake the fan-out at once; the poll finds those of other processes. On PostgreSQL a
    /// change is visible only once sequenced, which may happen in another process, so the poll is short there.
    /// </summary>
    protected override TimeSpan Poll => Db.Target.Provider == DatabaseProvider.Postgres ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);

    protected override async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var now = Timestamps.Now();
        var holding = _leaseUntil > now;
        if (!holding && now < _nextLeaseTry) return false;
        var renewed = _leaseUntil - now > RenewWhenLeft;
        if (holding && renewed && now < _nextIdleRound && (await subscriptions.CurrentAsync(ct)).Active.Count == 0) return false;
        if (holding && renewed)
        {
            await using var s = await Db.ReadAsync(ct);
            if (await ChangeStore.LastSeqAsync(s, ct) <= _position) return false;
        }
        // Lease to this process as many new deliveries as its sender has room for; any sender claims the rest.
        var room = sender.FreeCapacity;
        var round = await Db.Dialect.WriteAsync((s, c) => FanOutAsync(s, now, room, c), ct);
        if (round is null)
        {
            _leaseUntil = DateTime.MinValue;
            _nextLeaseTry = now + RetryLeaseAfter;
            return false;
        }
        _leaseUntil = now + Lease;
        _nextIdleRound = now + IdleRoundGap;
        _position = round.Position;
        if (round.Leased.Count > 0) sender.Enqueue(round.Leased);
        return round.More;
    }

    /// <summary>One batch of changes, in one transaction; null when another process holds the consumer's lease.</summary>
    private async Task<Round?> FanOutAsync(DbSession s, DateTime now, int room, CancellationToken ct)
    {
        var owner = Settings.Instance;
        if (await ChangeConsumers.TryLeaseAsync(s, Consumer, owner, now, now + Lease, ct) is not { } position) return null;
        // Every seq up to the highest visible one is final (see ChangeStore), so the batch may end there.
        var last = await ChangeStore.LastSeqAsync(s, ct);
        if (last <= position) return new Round(position, [], false);
        // Read after the end of the batch: a subscription committed before any change up to it is in this copy.
        var active = (await subscriptions.CurrentAsync(s, ct)).Active;
        if (active.Count == 0)
        {
            await AdvanceAsync(s, owner, last, now, ct);
            return new Round(last, [], false);
        }
        var changes = await ChangeStore.ReadAsync(s, position, last, null, Batch, ct);
        var more = changes.Count == Batch;
        var next = more ? changes[^1].Seq : last;

        var leasedRows = new List<NewDelivery>();
        var unleasedRows = new List<NewDelivery>();
        var leased = new List<DeliveryWork>();
        var leaseUntil = now + WebhookSender.Lease;
        foreach (var change in changes)
        {
            var singular = ChangeJson.Singular(change.Object);
            foreach (var entry in active)
            {
                if (change.Seq <= entry.Subscription.ActiveFromSeq || !entry.Patterns.Matches(singular, change.Op)) continue;
                var delivery = new NewDelivery(Guid.CreateVersion7(), entry.Subscription.Id, change.Seq, $"{singular}.{change.Op}");
                if (leased.Count < room)
                {
                    leasedRows.Add(delivery);
                    leased.Add(new DeliveryWork(new LeasedDelivery(delivery.Id, delivery.SubscriptionId, change.Seq, 0, leaseUntil), change));
                }
                else unleasedRows.Add(delivery);
            }
        }
        await WebhookDeliveryStore.InsertAsync(s, leasedRows, now, owner, leaseUntil, ct);
        await WebhookDeliveryStore.InsertAsync(s, unleasedRows, now, null, null, ct);
        await AdvanceAsync(s, owner, next, now, ct);
        return new Round(next, leased, more);
    }

    private static async Task AdvanceAsync(DbSession s, string owner, long position, DateTime now, CancellationToken ct)
    {
        if (!await ChangeConsumers.AdvanceAsync(s, Consumer, owner, position, now, ct))
            throw new InvalidOperationException("The webhooks consumer's lease was lost during the fan-out.");
    }

    protected override async Task StoppedAsync()
    {
        if (_leaseUntil <= Timestamps.Now()) return;
        await ReleaseLeaseAsync(Consumer);
    }
}
