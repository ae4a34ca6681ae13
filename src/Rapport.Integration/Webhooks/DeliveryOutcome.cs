using System.Net;

namespace Rapport.Integration.Webhooks;

/// <summary>What one delivery attempt means for the delivery and its endpoint.</summary>
public enum DeliveryOutcome
{
    /// <summary>A 2xx answer: the receiver has the event; nothing more to do.</summary>
    Delivered,

    /// <summary>
    /// Any other answer (3xx included: redirects are not followed, the subscriber should fix the URL), and any
    /// exception (timeout, refused or reset connection, DNS failure, a target refused by
    /// <see cref="WebhookTargetGuard"/>): try again after <see cref="RetrySchedule.NextDelay"/>.
    /// </summary>
    Retry,

    /// <summary>
    /// 410 Gone: the receiver says it wants no more deliveries (the Standard Webhooks specification and Svix
    /// disable the endpoint on it). Do not retry; mark the endpoint failing so nothing more is sent until a
    /// person turns it back on.
    /// </summary>
    EndpointGone,
}

/// <summary>Maps an HTTP answer to a <see cref="DeliveryOutcome"/>, so the dispatcher holds no status-code rules.</summary>
public static class DeliveryClassifier
{
    /// <summary>2xx is <see cref="DeliveryOutcome.Delivered"/>, 410 is <see cref="DeliveryOutcome.EndpointGone"/>, anything else is <see cref="DeliveryOutcome.Retry"/>.</summary>
    public static DeliveryOutcome Classify(HttpStatusCode status) => (int)status switch
    {
        >= 200 and <= 299 => DeliveryOutcome.Delivered,
        410 => DeliveryOutcome.EndpointGone,
        _ => DeliveryOutcome.Retry,
    };
}
