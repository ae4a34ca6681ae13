namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// Decides whether RabbitMQ-backed tests may be skipped.
/// <para>
/// Rule: RabbitMQ is <b>required</b> when env <c>CI</c> is <c>true</c> or env <c>RAPPORT_REQUIRE_RABBITMQ</c>
/// is <c>1</c>/<c>true</c> (<c>.ci/run</c> sets the latter). If it is required and cannot be started, tests
/// FAIL with <see cref="RabbitMqServer.LastFailure"/> in the message; otherwise they may silently return early.
/// </para>
/// </summary>
public static class RabbitMqRequirement
{
    public static bool IsRequired =>
        IsTrue(Environment.GetEnvironmentVariable("CI")) ||
        IsTrue(Environment.GetEnvironmentVariable("RAPPORT_REQUIRE_RABBITMQ"));

    /// <summary>Message used when the broker is unavailable.</summary>
    public static string UnavailableMessage(string? reason) =>
        $"RabbitMQ could not be started: {reason ?? "unknown reason"}";

    private static bool IsTrue(string? value) =>
        value is not null &&
        (value.Trim() == "1" || string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// xunit collection fixture: one private RabbitMQ broker for all tests in <see cref="RabbitMqCollection.Name"/>,
/// started once before the first of them and killed after the last.
/// <example><code>
/// [Collection(RabbitMqCollection.Name)]
/// public class MyTests(RabbitMqFixture rabbit)
/// {
///     [Fact]
///     public async Task Works()
///     {
///         var broker = rabbit.TryGetServer();
///         if (broker is null) return; // RabbitMQ unavailable and not required: treated as skipped
///         await using var publisher = new RabbitMqPublisher(broker.AmqpUri);
///         ...
///     }
/// }
/// </code></example>
/// The tests of the collection share the broker and run one after the other: use your own queues and
/// routing keys, and leave the broker started (a test that calls <see cref="RabbitMqServer.StopAsync"/>
/// restarts it in a <c>finally</c>). Starting never throws; the failure is reported by
/// <see cref="GetServer"/> / <see cref="TryGetServer"/>.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    /// <summary>The running broker, or null when it could not be started (see <see cref="FailureReason"/>).</summary>
    public RabbitMqServer? Server { get; private set; }

    /// <summary>Why <see cref="Server"/> is null (copy of <see cref="RabbitMqServer.LastFailure"/> at start-up).</summary>
    public string? FailureReason { get; private set; }

    public bool IsAvailable => Server is not null;

    public async Task InitializeAsync()
    {
        Server = await RabbitMqServer.TryStartAsync();
        FailureReason = Server is null ? RabbitMqServer.LastFailure : null;
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
    }

    /// <summary>
    /// The broker; throws <see cref="InvalidOperationException"/> ("RabbitMQ could not be started: ...") when it
    /// is unavailable — use <see cref="TryGetServer"/> for tests that may be skipped.
    /// </summary>
    public RabbitMqServer GetServer() =>
        Server ?? throw new InvalidOperationException(RabbitMqRequirement.UnavailableMessage(FailureReason));

    /// <summary>
    /// Like <see cref="GetServer"/>, but returns null when the broker is unavailable and
    /// <see cref="RabbitMqRequirement.IsRequired"/> is false, so the test can return early (xunit 2 has no
    /// runtime skip). When RabbitMQ is required, throws instead so the test fails.
    /// </summary>
    public RabbitMqServer? TryGetServer() =>
        Server is null && !RabbitMqRequirement.IsRequired ? null : GetServer();
}

/// <summary>Binds <see cref="RabbitMqFixture"/> to the "rabbitmq" test collection.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "rabbitmq";
}
