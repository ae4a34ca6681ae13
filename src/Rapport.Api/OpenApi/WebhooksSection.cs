using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Webhooks;
using Rapport.Data.Webhooks;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>Webhook subscriptions and their delivery log (contract §4), <c>/api/v1/webhooks</c>, crm.admin.</summary>
internal static class WebhooksSection
{
    private static readonly string[] SubscriptionStatuses = [SubscriptionStatus.Active, SubscriptionStatus.Failing, SubscriptionStatus.Disabled];
    private static readonly string[] DeliveryStatuses = [DeliveryStatus.Pending, DeliveryStatus.Delivered, DeliveryStatus.Failed];

    private const string PatternHelp =
        "Event patterns `<object>.<op>`: the object's singular name (`contact`, `account`, ...) or `*`, and the op " +
        "(`created`, `updated`, `deleted`, `merged`, `restored`) or `*`; `*` alone is every event. E.g. `contact.*`, `*.deleted`, `account.created`.";

    public static void AddSchemas(ComponentSchemas components)
    {
        components.Add("Webhook", Object(Properties(), ["id", "url", "events", "active", "status", "statusSince", "createdAt", "updatedAt"],
            "A webhook subscription. Deliveries follow the Standard Webhooks specification: a POST with `webhook-id`, `webhook-timestamp` and " +
            "`webhook-signature: v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{body}`; the body is " +
            "`{\"type\":\"contact.created\",\"timestamp\",\"data\"}` with `data` the record. Any 2xx answer is a delivery; other answers and " +
            "timeouts (15 s) are retried with exponential back-off and jitter for more than 24 h (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h), " +
            "never sooner than a `Retry-After` asks; then the endpoint is marked `failing`. 410 Gone disables it at once."));
        var secret = Properties();
        secret["secret"] = String("The signing secret (`whsec_<base64>`), shown only here. Use it with any Standard Webhooks library.");
        components.Add("WebhookWithSecret", Object(secret, ["id", "url", "events", "active", "status", "secret"], "A subscription with its new secret."));
        components.Add("WebhookInput", Object(InputProperties(), ["url", "events"], "A new subscription."));
        components.Add("WebhookPatch", Object(InputProperties(), description: "The fields to change (JSON Merge Patch). `active: true` turns a failing or disabled endpoint back on."));
        components.Add("WebhookList", Object(new JsonObject
        {
            ["data"] = ArrayOf(SchemaRef("Webhook")),
            ["nextCursor"] = Nullable(String("Always null: every subscription is in one page.")),
        }, ["data"], "Every subscription, oldest first."));
        components.Add("SecretRotation", Object(new JsonObject
        {
            ["overlapHours"] = With(new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 168 }, "description",
                "How long the old secret keeps signing next to the new one (default 24); 0 ends it at once."),
        }, description: "Options of a secret rotation (the body may be left out)."));
        components.Add("WebhookDelivery", Object(DeliveryProperties(), ["id", "subscriptionId", "webhookId", "eventType", "changeSeq", "status", "attemptCount", "createdAt"],
            "One event for one subscription: sent, retried and logged as a unit."));
        var detail = DeliveryProperties();
        detail["attempts"] = ArrayOf(SchemaRef("WebhookAttempt"), "Every attempt, oldest first.");
        components.Add("WebhookDeliveryDetail", Object(detail, ["id", "subscriptionId", "webhookId", "eventType", "status", "attempts"], "A delivery with its attempts."));
        components.Add("WebhookDeliveryList", Object(new JsonObject
        {
            ["data"] = ArrayOf(SchemaRef("WebhookDelivery")),
            ["nextCursor"] = Nullable(String("Pass as `cursor` for the next (older) page; null on the last page.")),
        }, ["data", "nextCursor"], "Deliveries, newest first."));
        components.Add("WebhookAttempt", Object(new JsonObject
        {
            ["id"] = String(format: "uuid"),
            ["at"] = String("When the request was sent.", "date-time"),
            ["durationMs"] = Integer("How long until the answer's headers came (or the attempt failed)."),
            ["request"] = Object(new JsonObject
            {
                ["url"] = String(format: "uri"),
                ["webhookId"] = String(),
                ["webhookTimestamp"] = Integer("The `webhook-timestamp` header (Unix seconds)."),
            }, ["url", "webhookId", "webhookTimestamp"], "What was sent (never the secret or the signature)."),
            ["response"] = With(Object(new JsonObject
            {
                ["status"] = Integer(),
                ["headers"] = Object(new JsonObject(), description: "A few of the answer's headers: content-type, content-length, retry-after, location."),
                ["body"] = Nullable(String("The first kilobyte of the answer's body.")),
            }, ["status", "headers"]), "nullable", true),
            ["error"] = Nullable(String("Why no answer came: timeout, refused connection, a private address refused by the SSRF guard, ...")),
        }, ["id", "at", "durationMs", "request"], "One HTTP attempt of a delivery."));
    }

    public static void AddPaths(JsonObject paths)
    {
        var webhook = Content(SchemaRef("Webhook"), MediaTypes.Negotiated);
        var withSecret = Content(SchemaRef("WebhookWithSecret"), MediaTypes.Negotiated);
        var id = SharedParameters.Path("id", String(format: "uuid"), "The subscription's id.");
        var deliveryId = SharedParameters.Path("deliveryId", String(format: "uuid"), "The delivery's id.");
        const string root = "/api/v1/webhooks";
        new OperationBuilder("listWebhooks", Tags.Webhooks, "List webhook subscriptions")
            .Scope(Scopes.Admin)
            .Response(200, "Every subscription (secrets are never listed).", Content(SchemaRef("WebhookList"), MediaTypes.Negotiated))
            .Problems(406)
            .AddTo(paths, root, "get");
        new OperationBuilder("createWebhook", Tags.Webhooks, "Subscribe a URL to events")
            .Describe("The answer carries the signing `secret`, shown only once. Targets on loopback or private networks are refused (400) unless the server runs with " +
                      "`RAPPORT_WEBHOOKS_ALLOW_PRIVATE=true`; every connection is checked again after DNS resolution. " + PatternHelp)
            .Scope(Scopes.Admin)
            .Body(Content(SchemaRef("WebhookInput"), MediaTypes.Negotiated), "The subscription.")
            .Response(201, "Created; events from now on are delivered.", withSecret, SharedHeaders.Of(SharedHeaders.Location))
            .Problems(400, 406, 413, 415)
            .AddTo(paths, root, "post");
        new OperationBuilder("getWebhook", Tags.Webhooks, "Get a webhook subscription")
            .Scope(Scopes.Admin)
            .Parameter(id)
            .Response(200, "The subscription.", webhook)
            .Problems(404, 406)
            .AddTo(paths, root + "/{id}", "get");
        new OperationBuilder("updateWebhook", Tags.Webhooks, "Change a webhook subscription")
            .Describe("Only the fields sent change. `active: false` stops deliveries (status `disabled`); `active: true` starts them again, also for an endpoint " +
                      "the server marked `failing` or `disabled`: its pending deliveries resume, and events from then on are delivered.")
            .Scope(Scopes.Admin)
            .Parameter(id)
            .Body(Content(SchemaRef("WebhookPatch"), MediaTypes.Patch), "The fields to change.")
            .Response(200, "The subscription after the change.", webhook)
            .Problems(400, 404, 406, 413, 415)
            .AddTo(paths, root + "/{id}", "patch");
        new OperationBuilder("deleteWebhook", Tags.Webhooks, "Delete a webhook subscription")
            .Describe("Deletes the subscription with its deliveries and their log.")
            .Scope(Scopes.Admin)
            .Parameter(id)
            .Response(204, "Deleted.")
            .Problems(404)
            .AddTo(paths, root + "/{id}", "delete");
        new OperationBuilder("rotateWebhookSecret", Tags.Webhooks, "Rotate a webhook's signing secret")
            .Describe("Makes a new secret and returns it (once). For `overlapHours` the old secret still signs too: `webhook-signature` then carries two " +
                      "signatures, so a receiver with either secret accepts every delivery while it switches. A new rotation ends an earlier overlap.")
            .Scope(Scopes.Admin)
            .Parameter(id)
            .Body(Content(SchemaRef("SecretRotation"), MediaTypes.Negotiated), "Options.", required: false)
            .Response(200, "The subscription with its new secret.", withSecret)
            .Problems(400, 404, 406, 413, 415)
            .AddTo(paths, root + "/{id}/rotate-secret", "post");
        var limit = Integer($"Deliveries per page (1 to 1000, default 50).", 1, 1000);
        new OperationBuilder("listWebhookDeliveries", Tags.Webhooks, "List a webhook's deliveries")
            .Scope(Scopes.Admin)
            .Parameter(id)
            .Parameter(SharedParameters.Query("status", Enum(DeliveryStatuses), "Only deliveries in this state."))
            .Parameter(SharedParameters.Query("limit", limit, "Page size."))
            .Parameter(SharedParameters.Query("cursor", String(), "The `nextCursor` of the previous page."))
            .Response(200, "Deliveries, newest first.", Content(SchemaRef("WebhookDeliveryList"), MediaTypes.Negotiated))
            .Problems(400, 404, 406)
            .AddTo(paths, root + "/{id}/deliveries", "get");
        new OperationBuilder("getWebhookDelivery", Tags.Webhooks, "Get a delivery with its attempts")
            .Scope(Scopes.Admin)
            .Parameter(id)
            .Parameter(deliveryId)
            .Response(200, "The delivery and every attempt: what was sent and what came back.", Content(SchemaRef("WebhookDeliveryDetail"), MediaTypes.Negotiated))
            .Problems(404, 406)
            .AddTo(paths, root + "/{id}/deliveries/{deliveryId}", "get");
        new OperationBuilder("retryWebhookDelivery", Tags.Webhooks, "Send a delivery again")
            .Describe("Sends the delivery again now, with the same `webhook-id` (a receiver that has it can drop the repeat) and a fresh retry schedule should it fail.")
            .Scope(Scopes.Admin)
            .Parameter(id)
            .Parameter(deliveryId)
            .Response(202, "Queued; the attempt shows in the delivery's log.", Content(SchemaRef("WebhookDelivery"), MediaTypes.Negotiated))
            .Response(409, "The subscription is not active (turn it on first), or the delivery is being sent right now.",
                Content(SchemaRef("Problem"), MediaTypes.ProblemJson, MediaTypes.ProblemXml))
            .Problems(404, 406)
            .AddTo(paths, root + "/{id}/deliveries/{deliveryId}/retry", "post");
    }

    private static JsonObject Properties() => new()
    {
        ["id"] = ReadOnly(String(format: "uuid")),
        ["url"] = new JsonObject { ["type"] = "string", ["format"] = "uri", ["maxLength"] = WebhookInput.MaxUrlLength },
        ["events"] = ArrayOf(String(), PatternHelp),
        ["description"] = Nullable(new JsonObject { ["type"] = "string", ["maxLength"] = WebhookInput.MaxDescriptionLength }),
        ["active"] = Boolean("Whether events are delivered: true exactly when `status` is `active`."),
        ["status"] = ReadOnly(Enum(SubscriptionStatuses,
            "`failing`: a delivery used up its retries (more than 24 h), so the endpoint was switched off; `disabled`: it answered 410 Gone or a client switched it off.")),
        ["statusReason"] = ReadOnly(Nullable(String("Why the endpoint is not active."))),
        ["statusSince"] = ReadOnly(String(format: "date-time")),
        ["previousSecretExpiresAt"] = ReadOnly(Nullable(String("During a rotation: until when the old secret still signs.", "date-time"))),
        ["createdAt"] = ReadOnly(String(format: "date-time")),
        ["updatedAt"] = ReadOnly(String(format: "date-time")),
    };

    private static JsonObject InputProperties() => new()
    {
        ["url"] = new JsonObject { ["type"] = "string", ["format"] = "uri", ["maxLength"] = WebhookInput.MaxUrlLength, ["description"] = "An http or https URL.", ["example"] = "https://erp.example.com/hooks/rapport" },
        ["events"] = With(With(ArrayOf(String(), PatternHelp), "minItems", 1), "example", new JsonArray("contact.created", "account.*")),
        ["description"] = Nullable(new JsonObject { ["type"] = "string", ["maxLength"] = WebhookInput.MaxDescriptionLength }),
        ["active"] = With(Boolean(), "default", true),
    };

    private static JsonObject DeliveryProperties() => new()
    {
        ["id"] = String(format: "uuid"),
        ["subscriptionId"] = String(format: "uuid"),
        ["webhookId"] = String("The `webhook-id` header: the same on every attempt and on a manual retry."),
        ["eventType"] = String("`contact.created`, ..."),
        ["changeSeq"] = String("The change's seq in the change feed."),
        ["status"] = Enum(DeliveryStatuses),
        ["attemptCount"] = Integer("Attempts since the delivery was created or last retried by hand."),
        ["nextAttemptAt"] = Nullable(String("When a pending delivery is tried next.", "date-time")),
        ["lastStatus"] = Nullable(Integer("The last answer's HTTP status.")),
        ["lastError"] = Nullable(String("Why the last attempt got no answer.")),
        ["createdAt"] = String(format: "date-time"),
        ["deliveredAt"] = Nullable(String(format: "date-time")),
    };
}
