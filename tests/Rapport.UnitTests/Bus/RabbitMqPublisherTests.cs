using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Rapport.Integration.Bus;

namespace Rapport.UnitTests.Bus;

// Without a broker; the behaviour against a real one is in Rapport.IntegrationTests/Bus.
public class RabbitMqPublisherTests
{
    private static readonly BusMessage Event = new("contact.created", "evt-1", "com.rapport.contact.created",
        new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc), "{}"u8.ToArray());

    [Fact]
    public async Task PublishAsync_NothingListening_ThrowsBusUnavailableQuicklyWithoutThePassword()
    {
        await using var publisher = new RabbitMqPublisher($"amqp://rapport:s3cret@127.0.0.1:{ClosedPort()}/crm");
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<BusUnavailableException>(() => publisher.PublishAsync([Event], CancellationToken.None));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_EmptyBatch_ReturnsWithoutConnecting()
    {
        await using var publisher = new RabbitMqPublisher($"amqp://guest:guest@127.0.0.1:{ClosedPort()}/");

        await publisher.PublishAsync([], CancellationToken.None);
    }

    [Fact]
    public void Constructor_NotAnAmqpUri_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new RabbitMqPublisher("http://127.0.0.1:5672/"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}
