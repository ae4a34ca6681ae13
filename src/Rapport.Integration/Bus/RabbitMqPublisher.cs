using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Rapport.Integration.Bus;

/// <summary>
/// Publishes events to a RabbitMQ topic exchange (contract §4: <c>rapport.events</c>, routing key
/// <c>&lt;object&gt;.&lt;op&gt;</c>, persistent, with publisher confirms).
/// <para>
/// At least once: <see cref="PublishAsync"/> returns only once the broker has confirmed every message of
/// the batch, and throws <see cref="BusUnavailableException"/> otherwise. The caller then keeps its
/// checkpoint and publishes the same batch again later, so a consumer may see a message twice and should
/// deduplicate on the message id.
/// </para>
/// <para>
/// One connection with one channel, opened on first use and opened anew on the next call after a failure.
/// The client library's automatic recovery is off: during an outage a call fails within
/// <see cref="ConnectTimeout"/> instead of waiting for a background reconnection, and the caller decides
/// when to try again. Calls are serialised, so the messages of one call reach the exchange in list order.
/// </para>
/// </summary>
public sealed class RabbitMqPublisher : IAsyncDisposable
{
    /// <summary>The exchange named by the contract.</summary>
    public const string DefaultExchange = "rapport.events";

    /// <summary>Content type of a structured-mode CloudEvent.</summary>
    public const string CloudEventsContentType = "application/cloudevents+json";

    private readonly ConnectionFactory _factory;
    private readonly string _exchange;
    private readonly string _endpoint;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;
    private bool _disposed;

    /// <param name="amqpUri"><c>amqp://user:password@host:port/vhost</c> (the password never appears in exceptions).</param>
    /// <param name="exchange">The topic exchange, declared durable on every (re)connection.</param>
    public RabbitMqPublisher(string amqpUri, string exchange = DefaultExchange)
    {
        ArgumentException.ThrowIfNullOrEmpty(amqpUri);
        ArgumentException.ThrowIfNullOrEmpty(exchange);
        var uri = new Uri(amqpUri);
        _factory = new ConnectionFactory
        {
            Uri = uri,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = "rapport-publisher",
        };
        _exchange = exchange;
        _endpoint = $"{_factory.HostName}:{_factory.Port}{(_factory.VirtualHost == "/" ? "" : "/" + _factory.VirtualHost)}";
    }

    /// <summary>How long opening a connection (TCP and AMQP handshake) may take; bounds a failed call during an outage.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the broker may take to confirm a whole batch before the call fails and the connection is dropped.</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Publishes every message (persistent, <see cref="CloudEventsContentType"/>, message id, type,
    /// timestamp), then waits for the broker's confirms of all of them: the whole batch is in flight at once,
    /// which is what makes confirms cheap enough for thousands of events a second.
    /// </summary>
    /// <exception cref="BusUnavailableException">Not every message was confirmed; publish the batch again later.</exception>
    public async Task PublishAsync(IReadOnlyList<BusMessage> messages, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
            return;

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var channel = await GetChannelAsync(ct).ConfigureAwait(false);
            await PublishAndConfirmAsync(channel, messages, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection (waiting at most 5 s for the broker to acknowledge the close).</summary>
    public async ValueTask DisposeAsync()
    {
        Task closing;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            closing = DropConnection();
        }
        finally
        {
            _gate.Release();
        }
        try
        {
            await closing.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    private async Task<IChannel> GetChannelAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true } && _connection is { IsOpen: true })
            return _channel;

        _ = DropConnection();
        _factory.RequestedConnectionTimeout = ConnectTimeout;
        _factory.HandshakeContinuationTimeout = ConnectTimeout;
        try
        {
            _connection = await _factory.CreateConnectionAsync(ct).ConfigureAwait(false);
            // Tracking makes each publish task complete with its own ack or nack. No rate limiter: the batch is
            // the window, and the library's ThrottlingRateLimiter would add delays once half its permits are in use.
            var options = new CreateChannelOptions(
                publisherConfirmationsEnabled: true,
                publisherConfirmationTrackingEnabled: true,
                outstandingPublisherConfirmationsRateLimiter: null);
            _channel = await _connection.CreateChannelAsync(options, ct).ConfigureAwait(false);
            await _channel.ExchangeDeclareAsync(_exchange, ExchangeType.Topic, durable: true, autoDelete: false,
                cancellationToken: ct).ConfigureAwait(false);
            return _channel;
        }
        catch (Exception ex) when (IsBrokerFailure(ex))
        {
            _ = DropConnection();
            throw new BusUnavailableException($"RabbitMQ at {_endpoint} is unavailable: {ex.Message}", ex);
        }
    }

    private async Task PublishAndConfirmAsync(IChannel channel, IReadOnlyList<BusMessage> messages, CancellationToken ct)
    {
        var confirms = new Task[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            confirms[i] = channel.BasicPublishAsync(_exchange, message.RoutingKey, mandatory: false,
                PropertiesOf(message), message.Body, ct).AsTask();
        }

        var all = Task.WhenAll(confirms);
        try
        {
            await all.WaitAsync(ConfirmTimeout, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Abandon(all);
            throw;
        }
        catch (TimeoutException) when (!all.IsCompleted)
        {
            Abandon(all);
            throw new BusUnavailableException(
                $"RabbitMQ at {_endpoint} did not confirm {messages.Count} messages within {ConfirmTimeout.TotalSeconds:0.#} s.");
        }
        catch (PublishException ex)
        {
            // A nack leaves the channel usable; only this batch failed.
            var refused = messages.Where((_, i) => confirms[i].Exception?.InnerException is PublishException).ToList();
            throw new BusUnavailableException(
                $"RabbitMQ at {_endpoint} refused {refused.Count} of {messages.Count} messages (first: {refused[0].RoutingKey} " +
                $"{refused[0].MessageId}); a bound queue may be full (x-overflow reject-publish) or the broker short of resources.", ex);
        }
        catch (Exception ex) when (IsBrokerFailure(ex))
        {
            _ = DropConnection();
            throw new BusUnavailableException($"RabbitMQ at {_endpoint} failed during publishing: {ex.Message}", ex);
        }
    }

    private static BasicProperties PropertiesOf(BusMessage message) => new()
    {
        DeliveryMode = DeliveryModes.Persistent,
        ContentType = CloudEventsContentType,
        MessageId = message.MessageId,
        Type = message.Type,
        Timestamp = new AmqpTimestamp(UnixSeconds(message.Time)),
    };

    // Unspecified counts as UTC, as everywhere in Rapport.
    private static long UnixSeconds(DateTime time) =>
        new DateTimeOffset(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc))
            .ToUnixTimeSeconds();

    // Confirms still outstanding fail when the connection goes; observe them so that nothing reports unobserved exceptions.
    private void Abandon(Task confirms)
    {
        _ = confirms.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _ = DropConnection();
    }

    // Not awaited on the failure paths: with a peer that has stopped reading (a memory alarm, a dead link) the
    // library takes its abort timeout plus its continuation timeout (25 s) to give up, and the caller should
    // hear about the failure now. The next call opens a new connection meanwhile.
    private Task DropConnection()
    {
        var connection = _connection;
        _channel = null;
        _connection = null;
        return connection is null ? Task.CompletedTask : CloseQuietlyAsync(connection);
    }

    private static async Task CloseQuietlyAsync(IConnection connection)
    {
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Nobody waits for this close; the connection is gone either way.
        }
    }

    private static bool IsBrokerFailure(Exception ex) =>
        ex is RabbitMQClientException or IOException or SocketException or TimeoutException or System.Threading.Channels.ChannelClosedException;
}
