using System.Diagnostics;
using RabbitMQ.Client;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>A message as the test consumer read it.</summary>
public sealed record ReceivedMessage(string RoutingKey, string? MessageId, string? Type, string? ContentType,
    DeliveryModes DeliveryMode, long Timestamp, byte[] Body);

/// <summary>A plain AMQP client on the test side, to declare queues and read what arrived.</summary>
public sealed class AmqpTestConsumer(IConnection connection, IChannel channel) : IAsyncDisposable
{
    public const string Exchange = "rapport.events";

    public IChannel Channel { get; } = channel;

    public static async Task<AmqpTestConsumer> OpenAsync(string amqpUri)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpUri), AutomaticRecoveryEnabled = false };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        return new AmqpTestConsumer(connection, channel);
    }

    /// <summary>Declares the exchange as the publisher does, and a queue bound to it: exclusive and
    /// server-named without a name, durable with one.</summary>
    public async Task<string> DeclareBoundQueueAsync(string bindingKey, string? name = null,
        IDictionary<string, object?>? arguments = null)
    {
        await Channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var declared = name is null
            ? await Channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, arguments)
            : await Channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments);
        await Channel.QueueBindAsync(declared.QueueName, Exchange, bindingKey);
        return declared.QueueName;
    }

    /// <summary>Reads exactly <paramref name="count"/> messages, waiting up to <paramref name="seconds"/> s for them.</summary>
    public async Task<List<ReceivedMessage>> ReceiveAsync(string queue, int count, int seconds = 30)
    {
        var received = new List<ReceivedMessage>(count);
        var deadline = Stopwatch.StartNew();
        while (received.Count < count)
        {
            var result = await Channel.BasicGetAsync(queue, autoAck: true);
            if (result is null)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(seconds), $"only {received.Count} of {count} messages arrived");
                await Task.Delay(20);
                continue;
            }
            var p = result.BasicProperties;
            received.Add(new ReceivedMessage(result.RoutingKey, p.MessageId, p.Type, p.ContentType, p.DeliveryMode,
                p.Timestamp.UnixTime, result.Body.ToArray()));
        }
        return received;
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
