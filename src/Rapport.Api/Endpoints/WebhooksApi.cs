using System.Globalization;
using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Api.Webhooks;
using Rapport.Data.Changes;
using Rapport.Data.Webhooks;
using Rapport.Domain.Records;
using Rapport.Integration.Webhooks;

namespace Rapport.Api.Endpoints;

/// <summary>
/// Webhook subscriptions and their delivery log (contract §4), <c>/api/v1/webhooks</c>, all with crm.admin:
/// a subscription chooses where the server sends data, so it is an administrator's decision.
/// </summary>
public static class WebhooksApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;
    private static readonly string[] DeliveryStatuses = [DeliveryStatus.Pending, DeliveryStatus.Delivered, DeliveryStatus.Failed];

    public static IEndpointRouteBuilder MapWebhooksApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Scopes.Admin).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapGet("/", ListWebhooks);
        api.MapPost("/", CreateWebhook);
        api.MapGet("/{id}", GetWebhook);
        api.MapPatch("/{id}", UpdateWebhook);
        api.MapDelete("/{id}", DeleteWebhook);
        api.MapPost("/{id}/rotate-secret", RotateSecret);
        api.MapGet("/{id}/deliveries", ListDeliveries);
        api.MapGet("/{id}/deliveries/{deliveryId}", GetDelivery);
        api.MapPost("/{id}/deliveries/{deliveryId}/retry", RetryDelivery);
        return app;
    }

    public static async Task<IResult> ListWebhooks(HttpContext ctx, Database db)
    {
        await using var s = await db.ReadAsync(ctx.RequestAborted);
        var all = await WebhookSubscriptionStore.ListAsync(s, ctx.RequestAborted);
        return new NodeResponse(new JsonObject { ["data"] = new JsonArray([.. all.Select(w => (JsonNode?)WebhookJson.Subscription(w))]), ["nextCursor"] = null }, 200, "webhooks");
    }

    public static async Task<IResult> CreateWebhook(HttpContext ctx, Database db, RapportSettings settings, WebhookSubscriptions subscriptions)
    {
        var input = WebhookInput.ForCreate(await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted), settings.WebhooksAllowPrivate);
        var now = Timestamps.Now();
        var active = input.Active ?? true;
        var secret = WebhookSecret.New();
        // On PostgreSQL, number what has committed by now, so the feed's end read below includes it.
        await ChangeStore.SequenceAsync(db.Dialect, ctx.RequestAborted);
        var webhook = await db.WriteAsync(async (s, c) =>
        {
            var created = new WebhookSubscription(Guid.CreateVersion7(), input.Url!, input.Events!, input.Description, active, await ChangeStore.LastSeqAsync(s, c),
                active ? SubscriptionStatus.Active : SubscriptionStatus.Disabled, active ? null : SwitchedOff, now, secret, null, null, now, now);
            await WebhookSubscriptionStore.InsertAsync(s, created, c);
            return created;
        }, ctx.RequestAborted);
        subscriptions.Invalidate();
        ctx.Response.Headers.Location = $"/api/v1/webhooks/{webhook.Id}";
        return new NodeResponse(WebhookJson.Subscription(webhook, secret), 201, "webhook");
    }

    public static async Task<IResult> GetWebhook(string id, HttpContext ctx, Database db)
    {
        await using var s = await db.ReadAsync(ctx.RequestAborted);
        return new NodeResponse(WebhookJson.Subscription(await FindAsync(s, id, ctx.RequestAborted)), 200, "webhook");
    }

    /// <summary>A merge patch of url, events, description and active; <c>active: true</c> also turns a failing or disabled endpoint back on.</summary>
    public static async Task<IResult> UpdateWebhook(string id, HttpContext ctx, Database db, RapportSettings settings, WebhookSubscriptions subscriptions)
    {
        var input = WebhookInput.ForPatch(await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted), settings.WebhooksAllowPrivate);
        if (input.Active is true) await ChangeStore.SequenceAsync(db.Dialect, ctx.RequestAborted);
        var updated = await db.WriteAsync(async (s, c) =>
        {
            var w = await FindAsync(s, id, c, forUpdate: true);
            var now = Timestamps.After(w.UpdatedAt);
            var next = w with
            {
                Url = input.Url ?? w.Url,
                Events = input.Events ?? w.Events,
                Description = input.HasDescription ? input.Description : w.Description,
                UpdatedAt = now,
            };
            if (input.Active is true && !w.Active)
                next = next with { Active = true, ActiveFromSeq = await ChangeStore.LastSeqAsync(s, c), Status = SubscriptionStatus.Active, StatusReason = null, StatusSince = now };
            else if (input.Active is false && w.Active)
                next = next with { Active = false, Status = SubscriptionStatus.Disabled, StatusReason = SwitchedOff, StatusSince = now };
            await WebhookSubscriptionStore.UpdateAsync(s, next, c);
            return next;
        }, ctx.RequestAborted);
        subscriptions.Invalidate();
        return new NodeResponse(WebhookJson.Subscription(updated), 200, "webhook");
    }

    public static async Task<IResult> DeleteWebhook(string id, HttpContext ctx, Database db, WebhookSubscriptions subscriptions)
    {
        var webhookId = ParseId(id);
        var deleted = await db.WriteAsync((s, c) => WebhookSubscriptionStore.DeleteAsync(s, webhookId, c), ctx.RequestAborted);
        if (!deleted) throw NoWebhook(id);
        subscriptions.Invalidate();
        return Results.NoContent();
    }

    /// <summary>
    /// A new secret, shown once in the answer. The old one keeps signing next to it (two signatures in
    /// <c>webhook-signature</c>) for <c>overlapHours</c>, so receivers can switch without a gap; a rotation
    /// during an overlap ends the older overlap at once.
    /// </summary>
    public static async Task<IResult> RotateSecret(string id, HttpContext ctx, Database db, WebhookSubscriptions subscriptions)
    {
        var overlap = WebhookInput.Overlap(await RequestBody.ReadOptionalObjectAsync(ctx.Request, ctx.RequestAborted));
        var secret = WebhookSecret.New();
        var rotated = await db.WriteAsync(async (s, c) =>
        {
            var w = await FindAsync(s, id, c, forUpdate: true);
            var now = Timestamps.After(w.UpdatedAt);
            var next = overlap > TimeSpan.Zero
                ? w with { Secret = secret, PreviousSecret = w.Secret, PreviousSecretExpiresAt = now + overlap, UpdatedAt = now }
                : w with { Secret = secret, PreviousSecret = null, PreviousSecretExpiresAt = null, UpdatedAt = now };
            await WebhookSubscriptionStore.UpdateAsync(s, next, c);
            return next;
        }, ctx.RequestAborted);
        subscriptions.Invalidate();
        return new NodeResponse(WebhookJson.Subscription(rotated, secret), 200, "webhook");
    }

    /// <summary>The subscription's deliveries, newest first: <c>status</c> filters, <c>limit</c> and <c>cursor</c> page.</summary>
    public static async Task<IResult> ListDeliveries(string id, HttpContext ctx, Database db)
    {
        var q = ctx.Request.Query;
        foreach (var key in q.Keys)
            if (key is not ("status" or "limit" or "cursor"))
                throw ApiException.BadRequest(key, "is not a parameter of the delivery log; it takes status, limit and cursor");
        string? status = q["status"];
        if (status is not null && !DeliveryStatuses.Contains(status))
            throw ApiException.BadRequest("status", $"must be one of: {string.Join(", ", DeliveryStatuses)}");
        var limit = DefaultLimit;
        if (q["limit"].ToString() is { Length: > 0 } text &&
            (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            throw ApiException.BadRequest("limit", $"must be a whole number from 1 to {MaxLimit}");
        Guid? cursor = null;
        if (q["cursor"].ToString() is { Length: > 0 } c)
            cursor = Guid.TryParse(c, out var after) ? after : throw ApiException.BadRequest("cursor", "must be the nextCursor of an earlier page");

        await using var s = await db.ReadAsync(ctx.RequestAborted);
        var webhook = await FindAsync(s, id, ctx.RequestAborted);
        var page = await WebhookDeliveryStore.ListAsync(s, webhook.Id, status, cursor, limit + 1, ctx.RequestAborted);
        var more = page.Count > limit;
        if (more) page.RemoveAt(page.Count - 1);
        return new NodeResponse(new JsonObject
        {
            ["data"] = new JsonArray([.. page.Select(d => (JsonNode?)WebhookJson.Delivery(d))]),
            ["nextCursor"] = more ? page[^1].Id.ToString() : null,
        }, 200, "deliveries");
    }

    /// <summary>
    /// One delivery with every attempt: what was sent and what came back. Read in one snapshot, so the delivery's
    /// state and its log agree (a result committing between the two reads showed an attempt with the state before it).
    /// </summary>
    public static async Task<IResult> GetDelivery(string id, string deliveryId, HttpContext ctx, Database db)
    {
        await using var s = await db.Dialect.OpenSnapshotAsync(ctx.RequestAborted);
        var webhook = await FindAsync(s, id, ctx.RequestAborted);
        var delivery = await FindDeliveryAsync(s, webhook.Id, deliveryId, ctx.RequestAborted);
        var attempts = await WebhookAttemptStore.ListAsync(s, delivery.Id, ctx.RequestAborted);
        return new NodeResponse(WebhookJson.Delivery(delivery, attempts), 200, "delivery");
    }

    /// <summary>
    /// Sends a delivery again now, with the same <c>webhook-id</c> (receivers that already have it can drop it), and
    /// with a fresh retry schedule should it fail. 202: the attempt follows in the background.
    /// </summary>
    public static async Task<IResult> RetryDelivery(string id, string deliveryId, HttpContext ctx, Database db, DueDeliveries due)
    {
        var delivery = await db.WriteAsync(async (s, c) =>
        {
            var webhook = await FindAsync(s, id, c);
            var found = await FindDeliveryAsync(s, webhook.Id, deliveryId, c);
            if (!webhook.Active)
                throw ApiException.Conflict($"The webhook is {webhook.Status}, so nothing is sent to it; set active to true first.");
            if (!await WebhookDeliveryStore.RequeueAsync(s, found.Id, Timestamps.Now(), c))
                throw ApiException.Conflict("The delivery is being sent right now; retry it once that attempt is logged.");
            return (await WebhookDeliveryStore.GetAsync(s, webhook.Id, found.Id, c))!;
        }, ctx.RequestAborted);
        due.Wake();
        return new NodeResponse(WebhookJson.Delivery(delivery), 202, "delivery");
    }

    private const string SwitchedOff = "Switched off through the API.";

    private static Guid ParseId(string id) => Guid.TryParse(id, out var g) ? g : throw NoWebhook(id);

    private static ApiException NoWebhook(string id) => ApiException.NotFound($"There is no webhook '{id}'.");

    private static async Task<WebhookSubscription> FindAsync(Data.Sql.DbSession s, string id, CancellationToken ct, bool forUpdate = false) =>
        await WebhookSubscriptionStore.GetAsync(s, ParseId(id), ct, forUpdate) ?? throw NoWebhook(id);

    private static async Task<WebhookDelivery> FindDeliveryAsync(Data.Sql.DbSession s, Guid webhookId, string deliveryId, CancellationToken ct) =>
        (Guid.TryParse(deliveryId, out var g) ? await WebhookDeliveryStore.GetAsync(s, webhookId, g, ct) : null)
        ?? throw ApiException.NotFound($"Webhook {webhookId} has no delivery '{deliveryId}'.");
}
