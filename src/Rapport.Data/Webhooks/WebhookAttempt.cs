namespace Rapport.Data.Webhooks;

/// <summary>
/// One HTTP try of a delivery, for the delivery log: what was sent (URL, <c>webhook-id</c>, timestamp; never
/// the secret or the signature) and what came back (status, a few headers as a JSON object, the first
/// kilobyte of the body), or the error when nothing usable came back.
/// </summary>
public sealed record WebhookAttempt(
    Guid Id,
    Guid DeliveryId,
    DateTime At,
    int DurationMs,
    string Url,
    string WebhookId,
    long WebhookTimestamp,
    int? ResponseStatus,
    string? ResponseHeadersJson,
    string? ResponseBody,
    string? Error);
