using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Api.Changes;
using Rapport.Api.Infrastructure;
using Rapport.Data.Changes;
using Rapport.Data.Webhooks;
using Rapport.Domain.Records;
using Rapport.Integration.Webhooks;

namespace Rapport.Api.Webhooks;

/// <summary>A leased delivery with the change it sends.</summary>
public sealed record DeliveryWork(LeasedDelivery Delivery, ChangeRow Change);

/// <summary>
/// Sends the deliveries this process holds leases for (handed over by <see cref="WebhookFanOut"/> and
/// <see cref="DueDeliveries"/>), up to <see cref="MaxInFlight"/> at once over one long-lived
/// <see cref="HttpClient"/> whose handler refuses private targets (<see cref="WebhookTargetGuard"/>), and
/// hands each result to the <see cref="DeliveryResultWriter"/>. A delivery is sent only while at least
/// <see cref="LeaseMargin"/> of its lease is left, so an attempt always ends before another process may take
/// the delivery over: in the normal case no delivery is sent twice, also with several servers and workers.
/// </summary>
public sealed class WebhookSender : BackgroundService
{
    /// <summary>Requests in flight at most: with a receiver that answers in 50 ms, about 2,500 deliveries a second.</summary>
    public const int MaxInFlight = 128;

    /// <summary>
    /// Requests in flight to one subscription at most: half the slots. An endpoint that hangs holds at most this many
    /// of the <see cref="MaxInFlight"/> slots until its requests time out, so the other endpoints' deliveries keep
    /// flowing; a single busy endpoint still gets enough for about 1,300 deliveries a second at 50 ms an answer.
    /// Its further deliveries wait in this process, in order, and take over the slot of its request that ends.
    /// </summary>
    public const int MaxInFlightPerEndpoint = MaxInFlight / 2;

    /// <summary>Deliveries held (queued or in flight) at most; the claimers take no more while it is reached.</summary>
    public const int MaxBacklog = 4096;

    /// <summary>How long a delivery is leased to the process that claimed it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>How long the receiver has to answer (the specification suggests 15–30 s).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The lease left that an attempt needs to start: its timeout, and time to write its result.</summary>
    public static readonly TimeSpan LeaseMargin = Timeout + TimeSpan.FromSeconds(5);

    private const int ResponseBodyBytes = 1024;
    private static readonly string[] LoggedHeaders = ["content-type", "content-length", "retry-after", "location"];
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Channel<DeliveryWork> _queue = Channel.CreateUnbounded<DeliveryWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    private readonly Database _db;
    private readonly RapportSettings _settings;
    private readonly WebhookSubscriptions _subscriptions;
    private readonly DeliveryPolicy _policy;
    private readonly DeliveryResultWriter _results;
    private readonly HttpClient _http;
    private readonly ILogger _log;
    private readonly Dictionary<Guid, Endpoint> _endpoints = [];
    private int _backlog;

    public WebhookSender(Database db, RapportSettings settings, WebhookSubscriptions subscriptions, ILogger<WebhookSender> log)
    {
        _db = db;
        _log = log;
        _settings = settings;
        _subscriptions = subscriptions;
        _policy = new DeliveryPolicy(settings.WebhooksRetryScale);
        _results = new DeliveryResultWriter(db, subscriptions, settings.Instance, log);
        _http = new HttpClient(WebhookTargetGuard.CreateHandler(settings.WebhooksAllowPrivate)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Rapport-Webhooks", "1.0"));
    }

    /// <summary>The <c>webhook-id</c> of a delivery: the same on every attempt and on a manual retry, so receivers deduplicate by it.</summary>
    public static string MessageId(Guid deliveryId) => "msg_" + deliveryId.ToString("N");

    /// <summary>How many more deliveries this sender takes now.</summary>
    public int FreeCapacity => MaxBacklog - Volatile.Read(ref _backlog);

    /// <summary>Pulsed when the backlog falls to half of <see cref="MaxBacklog"/>: time to claim more.</summary>
    public ChangeSignal RoomFreed { get; } = new();

    /// <summary>Queues deliveries whose changes are at hand (the fan-out's).</summary>
    public void Enqueue(IEnumerable<DeliveryWork> works)
    {
        foreach (var work in works)
        {
            Interlocked.Increment(ref _backlog);
            _queue.Writer.TryWrite(work);
        }
    }

    /// <summary>Reads the changes of claimed deliveries and queues them; one whose change is gone (retention) fails without an attempt.</summary>
    public async Task EnqueueAsync(IReadOnlyList<LeasedDelivery> leased, CancellationToken ct)
    {
        Dictionary<long, ChangeRow> changes;
        await using (var s = await _db.ReadAsync(ct)) changes = await ChangeStore.ReadManyAsync(s, leased.Select(l => l.ChangeSeq), ct);
        var works = new List<DeliveryWork>(leased.Count);
        foreach (var delivery in leased)
        {
            if (changes.TryGetValue(delivery.ChangeSeq, out var change)) works.Add(new DeliveryWork(delivery, change));
            else _results.Failed(delivery.Id, $"The change (seq {delivery.ChangeSeq}) is past the retention window and was deleted before it could be delivered.");
        }
        Enqueue(works);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_settings.Workers) return;
        var writing = Task.Run(_results.RunAsync, CancellationToken.None);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await _slots.WaitAsync(stoppingToken);
                if (_queue.Reader.TryRead(out var work) && Admit(work)) _ = SendAsync(work, stoppingToken);
                else _slots.Release();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        while (_queue.Reader.TryRead(out var left)) Done(left, release: true);
        foreach (var waiting in TakeWaiting()) Done(waiting, release: true);
        for (var i = 0; i < MaxInFlight; i++)
            if (!await _slots.WaitAsync(Timeout)) break;
        _results.Complete();
        await writing;
    }

    private async Task SendAsync(DeliveryWork work, CancellationToken stopping)
    {
        var released = true;
        try
        {
            var delivery = work.Delivery;
            var entry = await _subscriptions.FindAsync(delivery.SubscriptionId, stopping);
            var now = Timestamps.Now();
            if (entry is not { Subscription.Active: true } || delivery.LeaseUntil - now < LeaseMargin) return;
            var attempt = await AttemptAsync(entry.Subscription, work, stopping);
            if (attempt is null) return;
            var (record, retryAfter) = attempt.Value;
            var decision = _policy.Decide(delivery.Attempts, record.ResponseStatus, retryAfter, record.Error, Timestamps.Now());
            var result = new DeliveryResult(delivery.Id, decision.Status, decision.Attempts, decision.NextAttemptAt, record.ResponseStatus, record.Error,
                decision.Status == DeliveryStatus.Delivered ? record.At.AddMilliseconds(record.DurationMs) : null, record);
            _results.Add(result, delivery.SubscriptionId, decision.SubscriptionStatus, decision.SubscriptionReason);
            released = false;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _log.LogWarning(e, "Sending webhook delivery {Delivery} failed before its attempt; it is given back", work.Delivery.Id);
        }
        finally
        {
            Done(work, released);
            // The slot goes to the endpoint's next waiting delivery, if it has one, or back to everyone.
            if (Finished(work.Delivery.SubscriptionId) is { } next) _ = Task.Run(() => SendAsync(next, stopping), CancellationToken.None);
            else _slots.Release();
        }
    }

    /// <summary>Whether the delivery may be sent now; if its endpoint has its share in flight, it waits for one of them to end.</summary>
    private bool Admit(DeliveryWork work)
    {
        lock (_endpoints)
        {
            if (!_endpoints.TryGetValue(work.Delivery.SubscriptionId, out var endpoint))
                _endpoints[work.Delivery.SubscriptionId] = endpoint = new Endpoint();
            if (endpoint.InFlight < MaxInFlightPerEndpoint)
            {
                endpoint.InFlight++;
                return true;
            }
            endpoint.Waiting.Enqueue(work);
            return false;
        }
    }

    /// <summary>A request to the endpoint ended: its next waiting delivery (which takes over the slot), or null.</summary>
    private DeliveryWork? Finished(Guid subscriptionId)
    {
        lock (_endpoints)
        {
            var endpoint = _endpoints[subscriptionId];
            if (endpoint.Waiting.TryDequeue(out var next)) return next;
            if (--endpoint.InFlight == 0) _endpoints.Remove(subscriptionId);
            return null;
        }
    }

    /// <summary>On shutdown: the deliveries still waiting for their endpoint, to be given back.</summary>
    private List<DeliveryWork> TakeWaiting()
    {
        lock (_endpoints)
        {
            var waiting = _endpoints.Values.SelectMany(e => e.Waiting).ToList();
            foreach (var endpoint in _endpoints.Values) endpoint.Waiting.Clear();
            return waiting;
        }
    }

    private sealed class Endpoint
    {
        public int InFlight;
        public readonly Queue<DeliveryWork> Waiting = new();
    }

    private void Done(DeliveryWork work, bool release)
    {
        if (release) _results.Released(work.Delivery.Id);
        if (Interlocked.Decrement(ref _backlog) == MaxBacklog / 2) RoomFreed.Pulse();
    }

    /// <summary>One POST, signed for this attempt; null when the process is stopping (the delivery is given back, not counted).</summary>
    private async Task<(WebhookAttempt Attempt, TimeSpan? RetryAfter)?> AttemptAsync(WebhookSubscription subscription, DeliveryWork work, CancellationToken stopping)
    {
        var body = Payload(work.Change);
        var messageId = MessageId(work.Delivery.Id);
        var at = Timestamps.Now();
        var timestamp = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        foreach (var (name, value) in WebhookSigner.Headers(messageId, timestamp, body, subscription.SigningSecrets(at)))
            request.Headers.TryAddWithoutValidation(name, value);

        int? status = null;
        string? headers = null, responseBody = null, error = null;
        TimeSpan? retryAfter = null;
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        limit.CancelAfter(Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            status = (int)response.StatusCode;
            retryAfter = RetrySchedule.RetryAfter(response, DateTimeOffset.UtcNow);
            headers = HeadersJson(response);
            responseBody = await ReadPrefixAsync(response, limit.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException) when (status is null)
        {
            error = $"No answer within {Timeout.TotalSeconds:0} s.";
        }
        catch (Exception e) when (status is null && e is HttpRequestException or IOException or InvalidOperationException)
        {
            error = Describe(e);
        }
        catch (Exception e) when (status is not null && e is OperationCanceledException or HttpRequestException or IOException)
        {
            // The status is what counts; a body that did not come in time only goes unlogged.
        }
        var attempt = new WebhookAttempt(Guid.CreateVersion7(), work.Delivery.Id, at, (int)clock.ElapsedMilliseconds, subscription.Url, messageId,
            timestamp.ToUnixTimeSeconds(), status, headers, responseBody, error);
        return (attempt, retryAfter);
    }

    private static byte[] Payload(ChangeRow change)
    {
        var buffer = new ArrayBufferWriter<byte>(change.RecordJson.Length + 128);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true })) ChangeJson.WriteWebhookPayload(w, change);
        return buffer.WrittenSpan.ToArray();
    }

    private static string? HeadersJson(HttpResponseMessage response)
    {
        var kept = new Dictionary<string, string>();
        foreach (var name in LoggedHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
                kept[name] = string.Join(", ", values);
        }
        return kept.Count == 0 ? null : JsonSerializer.Serialize(kept);
    }

    private static async Task<string?> ReadPrefixAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[ResponseBodyBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string Describe(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (!message.Contains(inner.Message, StringComparison.Ordinal)) message += " " + inner.Message;
        return message;
    }

    public override void Dispose()
    {
        _http.Dispose();
        _slots.Dispose();
        base.Dispose();
    }
}
