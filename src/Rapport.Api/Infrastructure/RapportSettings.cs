using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Rapport.Api.Infrastructure;

/// <summary>
/// Server settings read from configuration, that is from environment variables of the same name
/// (or, in tests, from in-memory settings of one server).
/// </summary>
public sealed class RapportSettings
{
    /// <summary>Whether this process runs the background dispatchers (webhooks, bus, sequencing, retention).</summary>
    public bool Workers { get; init; } = true;

    /// <summary>How long changes stay in the feed (<c>RAPPORT_CHANGE_RETENTION_DAYS</c>, default 30 days).</summary>
    public TimeSpan ChangeRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Whether webhook targets on loopback and private networks are allowed (<c>RAPPORT_WEBHOOKS_ALLOW_PRIVATE=true</c>).</summary>
    public bool WebhooksAllowPrivate { get; init; }

    /// <summary>
    /// For tests only (<c>RAPPORT_WEBHOOKS_RETRY_SCALE</c>, default 1): multiplies the delays of the webhook retry
    /// schedule, so a test can run through a schedule of more than a day in seconds. <c>Retry-After</c> is not scaled.
    /// </summary>
    public double WebhooksRetryScale { get; init; } = 1;

    /// <summary>The AMQP URI of the RabbitMQ broker to publish events to (<c>RAPPORT_RABBITMQ</c>); null: no bus.</summary>
    public string? RabbitMq { get; init; }

    /// <summary>
    /// Whether requests are recorded for <c>/metrics</c> and <c>/api/v1/usage</c> (<c>RAPPORT_USAGE=off</c> turns it off;
    /// meant for measuring what recording costs).
    /// </summary>
    public bool Usage { get; init; } = true;

    /// <summary>Names this process in leases, so a dead one's work is recognisable and taken over.</summary>
    public string Instance { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static RapportSettings From(IConfiguration configuration)
    {
        var retention = configuration["RAPPORT_CHANGE_RETENTION_DAYS"];
        return new RapportSettings
        {
            Workers = !IsFalse(configuration["RAPPORT_WORKERS"]),
            ChangeRetention = string.IsNullOrWhiteSpace(retention) ? TimeSpan.FromDays(30)
                : double.TryParse(retention, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) && days > 0
                    ? TimeSpan.FromDays(days)
                    : throw new InvalidOperationException($"RAPPORT_CHANGE_RETENTION_DAYS must be a positive number of days, not '{retention}'."),
            WebhooksAllowPrivate = IsTrue(configuration["RAPPORT_WEBHOOKS_ALLOW_PRIVATE"]),
            WebhooksRetryScale = Scale(configuration["RAPPORT_WEBHOOKS_RETRY_SCALE"]),
            RabbitMq = string.IsNullOrWhiteSpace(configuration["RAPPORT_RABBITMQ"]) ? null : configuration["RAPPORT_RABBITMQ"],
            Usage = !IsFalse(configuration["RAPPORT_USAGE"]) && configuration["RAPPORT_USAGE"]?.Trim().ToLowerInvariant() != "off",
        };
    }

    private static double Scale(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 1
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 && scale <= 1
            ? scale
            : throw new InvalidOperationException($"RAPPORT_WEBHOOKS_RETRY_SCALE must be a number above 0 and at most 1 (it only shortens the schedule, for tests), not '{text}'.");

    private static bool IsTrue(string? value) => value?.Trim().ToLowerInvariant() is "1" or "true" or "yes";

    private static bool IsFalse(string? value) => value?.Trim().ToLowerInvariant() is "0" or "false" or "no";
}
