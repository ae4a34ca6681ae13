using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rapport.Api.Changes;
using Rapport.Api.Infrastructure;
using Rapport.Data.Changes;
using Rapport.Domain.Records;
using Rapport.Integration.Bus;

namespace Rapport.Api.Bus;

/// <summary>
/// Publishes every change, as a CloudEvent, to the <c>rapport.events</c> topic exchange of the broker
/// in <c>RAPPORT_RABBITMQ</c>, routing key <c>&lt;singular&gt;.&lt;op&gt;</c> (<c>contact.updated</c>). It follows
/// the change table like any consumer: the position moves on only after the broker confirmed the
/// batch, so an outage delays events and loses none (at least once: a batch cut off by a crash or an
/// unconfirmed publish is sent again, with the same CloudEvent id). One process at a time publishes,
/// holding the "bus" lease, which keeps the order of the feed.
/// </summary>
public sealed class BusDispatcher(Database db, RapportSettings settings, BusStatus status, ILogger<BusDispatcher> log)
    : PollingWorker(db, settings, log)
{
    public const string Consumer = "bus";
    private const int Batch = 2000;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private RabbitMqPublisher? _publisher;

    protected override TimeSpan Poll => TimeSpan.FromMilliseconds(250);

    protected override TimeSpan MaxPause => TimeSpan.FromSeconds(5);

    protected override bool Enabled => Settings.RabbitMq is not null;

    protected override async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        await ChangeStore.SequenceAsync(Db.Dialect, ct);
        var now = Timestamps.Now();
        var (position, changes) = await Db.Dialect.WriteAsync(async (s, c) =>
        {
            if (await ChangeConsumers.TryLeaseAsync(s, Consumer, Settings.Instance, now, now + Lease, c) is not { } at)
                return ((long?)null, new List<ChangeRow>());
            return (at, await ChangeStore.ReadAsync(s, at, await ChangeStore.LastSeqAsync(s, c), null, Batch, c));
        }, ct);
        if (position is null || changes.Count == 0) return false;

        _publisher ??= new RabbitMqPublisher(Settings.RabbitMq!);
        try
        {
            await _publisher.PublishAsync(changes.Select(Message).ToList(), ct);
        }
        catch (BusUnavailableException e)
        {
            status.Failed(e.Message);
            throw;
        }
        status.Succeeded();
        var last = changes[^1].Seq;
        if (!await Db.Dialect.WriteAsync((s, c) => ChangeConsumers.AdvanceAsync(s, Consumer, Settings.Instance, last, Timestamps.Now(), c), ct))
            log.LogWarning("The bus lease was lost while publishing up to seq {Seq}; another process publishes from its own position", last);
        return changes.Count == Batch;
    }

    private static BusMessage Message(ChangeRow c)
    {
        var buffer = new ArrayBufferWriter<byte>(c.RecordJson.Length + 512);
        using (var w = new Utf8JsonWriter(buffer)) ChangeJson.WriteCloudEvent(w, c);
        return new BusMessage(ChangeJson.EventName(c), c.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ChangeJson.CloudEventType(c), c.At, buffer.WrittenMemory);
    }

    protected override async Task StoppedAsync()
    {
        if (_publisher is not null) await _publisher.DisposeAsync();
        try
        {
            await Db.Dialect.WriteAsync(async (s, c) => { await ChangeConsumers.ReleaseAsync(s, Consumer, Settings.Instance, c); return 0; }, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogDebug(e, "Could not release the bus lease on shutdown; it runs out by itself");
        }
    }
}
