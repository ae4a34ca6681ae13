using System.Globalization;
using System.Text.Json.Nodes;
using Rapport.Data.Webhooks;
using Rapport.Domain.Records;

namespace Rapport.Api.Webhooks;

/// <summary>The API's view of subscriptions, deliveries and attempts (<c>/api/v1/webhooks</c>), as JSON nodes for JSON or XML.</summary>
public static class WebhookJson
{
    /// <summary>A subscription; <paramref name="secret"/> only in the answers that create or rotate it, the one time it is shown.</summary>
    public static JsonObject Subscription(WebhookSubscription w, string? secret = null)
    {
        var o = new JsonObject
        {
            ["id"] = w.Id.ToString(),
            ["url"] = w.Url,
            ["events"] = new JsonArray([.. w.Events.Select(e => (JsonNode?)e)]),
            ["description"] = w.Description,
            ["active"] = w.Active,
            ["status"] = w.Status,
            ["statusReason"] = w.StatusReason,
            ["statusSince"] = Timestamps.ToText(w.StatusSince),
            ["previousSecretExpiresAt"] = w.PreviousSecret is not null && w.PreviousSecretExpiresAt is { } expires ? Timestamps.ToText(expires) : null,
            ["createdAt"] = Timestamps.ToText(w.CreatedAt),
            ["updatedAt"] = Timestamps.ToText(w.UpdatedAt),
        };
        if (secret is not null) o["secret"] = secret;
        return o;
    }

    /// <summary>A delivery; with <paramref name="attempts"/>, its log too.</summary>
    public static JsonObject Delivery(WebhookDelivery d, IReadOnlyList<WebhookAttempt>? attempts = null)
    {
        var o = new JsonObject
        {
            ["id"] = d.Id.ToString(),
            ["subscriptionId"] = d.SubscriptionId.ToString(),
            ["webhookId"] = WebhookSender.MessageId(d.Id),
            ["eventType"] = d.EventType,
            ["changeSeq"] = d.ChangeSeq.ToString(CultureInfo.InvariantCulture),
            ["status"] = d.Status,
            ["attemptCount"] = d.Attempts,
            ["nextAttemptAt"] = d.Status == DeliveryStatus.Pending && d.NextAttemptAt is { } next ? Timestamps.ToText(next) : null,
            ["lastStatus"] = d.LastStatus,
            ["lastError"] = d.LastError,
            ["createdAt"] = Timestamps.ToText(d.CreatedAt),
            ["deliveredAt"] = d.DeliveredAt is { } at ? Timestamps.ToText(at) : null,
        };
        if (attempts is not null) o["attempts"] = new JsonArray([.. attempts.Select(a => (JsonNode?)Attempt(a))]);
        return o;
    }

    public static JsonObject Attempt(WebhookAttempt a) => new()
    {
        ["id"] = a.Id.ToString(),
        ["at"] = Timestamps.ToText(a.At),
        ["durationMs"] = a.DurationMs,
        ["request"] = new JsonObject
        {
            ["url"] = a.Url,
            ["webhookId"] = a.WebhookId,
            ["webhookTimestamp"] = a.WebhookTimestamp,
        },
        ["response"] = a.ResponseStatus is { } status
            ? new JsonObject
            {
                ["status"] = status,
                ["headers"] = a.ResponseHeadersJson is { } headers ? JsonNode.Parse(headers) : new JsonObject(),
                ["body"] = a.ResponseBody,
            }
            : null,
        ["error"] = a.Error,
    };
}
