namespace Rapport.Data.Webhooks;

/// <summary>Where a delivery stands: waiting for its (next) attempt, received by the endpoint, or given up.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

/// <summary>
/// One change for one subscription: the unit that is sent, retried, leased by one sender at a time and
/// logged. Its id gives the <c>webhook-id</c> header, the same on every attempt, so receivers deduplicate.
/// </summary>
public sealed record WebhookDelivery(
    Guid Id,
    Guid SubscriptionId,
    long ChangeSeq,
    string EventType,
    string Status,
    int Attempts,
    DateTime? NextAttemptAt,
    string? LeaseOwner,
    DateTime? LeaseUntil,
    int? LastStatus,
    string? LastError,
    DateTime CreatedAt,
    DateTime? DeliveredAt);

/// <summary>A delivery the fan-out creates: one matching change for one subscription.</summary>
public sealed record NewDelivery(Guid Id, Guid SubscriptionId, long ChangeSeq, string EventType);

/// <summary>A delivery leased to a sender: what it needs to send it (the change is read by its seq).</summary>
public sealed record LeasedDelivery(Guid Id, Guid SubscriptionId, long ChangeSeq, int Attempts, DateTime LeaseUntil);

/// <summary>
/// What one attempt did to its delivery: the new status and attempt count, when to try again (pending only),
/// the answer's status or the error, and the attempt for the log. Written only while the sender still holds
/// the delivery's lease.
/// </summary>
public sealed record DeliveryResult(
    Guid DeliveryId,
    string Status,
    int Attempts,
    DateTime? NextAttemptAt,
    int? LastStatus,
    string? LastError,
    DateTime? DeliveredAt,
    WebhookAttempt Attempt);
