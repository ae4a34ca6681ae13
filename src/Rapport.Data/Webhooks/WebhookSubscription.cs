namespace Rapport.Data.Webhooks;

/// <summary>
/// A subscription's health. <c>active</c>: deliveries are made. <c>failing</c>: a delivery used up its retries
/// (at least 24 h), so the endpoint was switched off rather than queue ever more. <c>disabled</c>: the endpoint
/// answered 410 Gone, or a client switched it off. Only <c>active</c> receives events; setting <c>active</c>
/// back to true through the API turns a failing or disabled endpoint on again.
/// </summary>
public static class SubscriptionStatus
{
    public const string Active = "active";
    public const string Failing = "failing";
    public const string Disabled = "disabled";
}

/// <summary>
/// A webhook subscription: where to send (<see cref="Url"/>), which events (<see cref="Events"/>, patterns such
/// as <c>contact.*</c>), and the secret that signs. During a rotation <see cref="PreviousSecret"/> signs too until
/// <see cref="PreviousSecretExpiresAt"/>, so a receiver can switch secrets without losing a delivery.
/// <see cref="Active"/> is true exactly when <see cref="Status"/> is <see cref="SubscriptionStatus.Active"/>.
/// <see cref="ActiveFromSeq"/> is the end of the change feed when the subscription was created or last switched on:
/// only changes after it are sent, so a new or re-enabled endpoint gets neither older events nor those of the time
/// it was off, however far behind the fan-out is.
/// </summary>
public sealed record WebhookSubscription(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Active,
    long ActiveFromSeq,
    string Status,
    string? StatusReason,
    DateTime StatusSince,
    string Secret,
    string? PreviousSecret,
    DateTime? PreviousSecretExpiresAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>The secrets that sign a delivery made at <paramref name="now"/>: the current one, and the previous one while its overlap lasts.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTime now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];
}
