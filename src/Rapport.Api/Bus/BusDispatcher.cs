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

    /// <summary>
    /// Publishes from the consumer's position in batches, reading the next batch while the broker confirms
    /// the current one; the position moves on (and the lease is renewed) after each confirmed batch.
    /// </summary>
    protected override async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var now = Timestamps.Now();
        var position = await Db.Dialect.WriteAsync((s, c) => ChangeConsumers.TryLeaseAsync(s, Consumer, Settings.Instance, now, now + Lease, c), ct);
        if (position is null) return false;
        var changes = await ReadAfterAsync(position.Value, ct);
        _publisher ??= new RabbitMqPublisher(Settings.RabbitMq!);
        for (var round = 0; round < Rounds && changes.Count > 0; round++)
        {
            var publishing = PublishAsync(changes, ct);
            var next = changes.Count == Batch ? ReadAfterAsync(changes[^1].Seq, ct) : Task.FromResult(new List<ChangeRow>());
            await publishing;
            if (!await AdvanceAsync(changes[^1].Seq, ct)) return false;
            changes = await next;
        }
        return changes.Count > 0;
    }

    private const int Rounds = 20;

    private async Task<List<ChangeRow>> ReadAfterAsync(long position, CancellationToken ct)
    {
        await using var s = await Db.ReadAsync(ct);
        return await ChangeStore.ReadAsync(s, position, await ChangeStore.LastSeqAsync(s, ct), null, Batch, ct);
    }

    private async Task PublishAsync(List<ChangeRow> changes, CancellationToken ct)
    {
        try
        {
            await _publisher!.PublishAsync(changes.Select(Message).ToList(), ct);
        }
        catch (BusUnavailableException e)
        {
            status.Failed(e.Message);
            throw;
        }
        status.Succeeded();
    }

    /// <summary>Moves the position past a confirmed batch and renews the lease; false when another process took the lease.</summary>
    private async Task<bool> AdvanceAsync(long last, CancellationToken ct)
    {
        var now = Timestamps.Now();
        var kept = await Db.Dialect.WriteAsync(async (s, c) =>
            await ChangeConsumers.AdvanceAsync(s, Consumer, Settings.Instance, last, now, c) &&
            await ChangeConsumers.TryLeaseAsync(s, Consumer, Settings.Instance, now, now + Lease, c) is not null, ct);
        if (!kept) log.LogWarning("The bus lease was lost while publishing up to seq {Seq}; another process publishes from its own position", last);
        return kept;
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
        await ReleaseLeaseAsync(Consumer);
    }
}
