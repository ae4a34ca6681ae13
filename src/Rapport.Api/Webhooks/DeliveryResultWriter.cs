using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rapport.Api.Infrastructure;
using Rapport.Data.Webhooks;
using Rapport.Domain.Records;

namespace Rapport.Api.Webhooks;

/// <summary>
/// Writes what the senders did, many deliveries per transaction: while one batch is being written the next
/// collects, so at a high rate each delivery costs a row in a batch rather than a commit. Every write is
/// guarded by the lease (see <see cref="WebhookDeliveryStore.ApplyResultsAsync"/>). A failed write is retried
/// with the same batch; should the database stay away longer than the leases, other senders take the
/// deliveries over and this sender's late results are ignored.
/// </summary>
public sealed class DeliveryResultWriter(Database db, WebhookSubscriptions subscriptions, string owner, ILogger log)
{
    private const int MaxBatch = 2000;

    private volatile bool _completing;

    private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });

    private abstract record Item;

    private sealed record Result(DeliveryResult Delivery, Guid SubscriptionId, string? SubscriptionStatus, string? Reason) : Item;

    private sealed record Release(Guid DeliveryId) : Item;

    private sealed record Unsendable(Guid DeliveryId, string Error) : Item;

    /// <summary>An attempt's result, and the subscription status it calls for (failing or disabled), if any.</summary>
    public void Add(DeliveryResult result, Guid subscriptionId, string? subscriptionStatus, string? reason) =>
        _items.Writer.TryWrite(new Result(result, subscriptionId, subscriptionStatus, reason));

    /// <summary>A delivery given back unsent: its lease is cleared so any sender may take it at once.</summary>
    public void Released(Guid deliveryId) => _items.Writer.TryWrite(new Release(deliveryId));

    /// <summary>A delivery that cannot be sent at all (its change is gone): failed without an attempt.</summary>
    public void Failed(Guid deliveryId, string error) => _items.Writer.TryWrite(new Unsendable(deliveryId, error));

    /// <summary>No more items will come; <see cref="RunAsync"/> ends once what is queued is written.</summary>
    public void Complete()
    {
        _completing = true;
        _items.Writer.TryComplete();
    }

    /// <summary>Writes batches until <see cref="Complete"/> was called and everything queued is written.</summary>
    public async Task RunAsync()
    {
        var batch = new List<Item>(MaxBatch);
        while (await _items.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _items.Reader.TryRead(out var item)) batch.Add(item);
            await WriteAsync(batch);
        }
    }

    private async Task WriteAsync(List<Item> batch)
    {
        var results = batch.OfType<Result>().ToList();
        var deliveries = results.Select(r => r.Delivery).ToList();
        var released = batch.OfType<Release>().Select(r => r.DeliveryId).ToList();
        var unsendable = batch.OfType<Unsendable>().ToList();
        var switchOff = results.Where(r => r.SubscriptionStatus is not null)
            .GroupBy(r => r.SubscriptionId)
            .Select(g => (g.Key, g.First().SubscriptionStatus!, g.First().Reason!))
            .ToList();
        for (var failures = 0; ; failures++)
        {
            try
            {
                var switched = await db.Dialect.WriteAsync(async (s, ct) =>
                {
                    await WebhookDeliveryStore.ApplyResultsAsync(s, owner, deliveries, ct);
                    if (released.Count > 0) await WebhookDeliveryStore.ReleaseAsync(s, owner, released, ct);
                    foreach (var group in unsendable.GroupBy(u => u.Error))
                        await WebhookDeliveryStore.FailUnsendableAsync(s, owner, [.. group.Select(u => u.DeliveryId)], group.Key, ct);
                    return switchOff.Count == 0 ? 0 : await WebhookSubscriptionStore.SwitchOffAsync(s, switchOff, Timestamps.Now(), ct);
                }, CancellationToken.None);
                if (switched > 0) subscriptions.Invalidate();
                return;
            }
            catch (Exception e) when (_completing && failures >= 2)
            {
                log.LogWarning(e, "Stopping without writing {Count} webhook delivery results; their leases run out and the deliveries are sent again", batch.Count);
                return;
            }
            catch (Exception e)
            {
                var pause = TimeSpan.FromMilliseconds(Math.Min(10_000, 100 * Math.Pow(2, Math.Min(failures, 7))));
                if (failures < 3 || failures % 20 == 0)
                    log.LogWarning(e, "Writing {Count} webhook delivery results failed ({Failures} in a row); retrying in {Pause}", batch.Count, failures + 1, pause);
                await Task.Delay(pause);
            }
        }
    }
}
