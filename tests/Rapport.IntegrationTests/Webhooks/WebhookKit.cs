using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Webhooks;

/// <summary>Shared steps of the webhook tests: settings, subscribing, reading the delivery log, and the reference verifier.</summary>
internal static class WebhookKit
{
    public const string Hooks = V1 + "/webhooks";

    /// <summary>Server settings that let webhooks reach the loopback receiver; <paramref name="retryScale"/> shortens the retry schedule.</summary>
    public static Dictionary<string, string?> Settings(double? retryScale = null)
    {
        var settings = new Dictionary<string, string?> { ["RAPPORT_WEBHOOKS_ALLOW_PRIVATE"] = "true" };
        if (retryScale is { } scale) settings["RAPPORT_WEBHOOKS_RETRY_SCALE"] = scale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>Subscribes <paramref name="url"/> and returns the subscription with its secret; fails the test unless 201.</summary>
    public static async Task<(string Id, string Secret, JsonObject Body)> SubscribeAsync(HttpClient admin, string url, params string[] events)
    {
        var body = new JsonObject { ["url"] = url, ["events"] = new JsonArray([.. events.Select(e => (JsonNode?)e)]) };
        using var response = await admin.PostJsonAsync(Hooks, body.ToJsonString());
        await response.ExpectStatusAsync(HttpStatusCode.Created);
        var created = await response.JsonObjectAsync();
        return (created["id"]!.GetValue<string>(), created["secret"]!.GetValue<string>(), created);
    }

    public static async Task<JsonObject> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return await response.JsonObjectAsync();
    }

    /// <summary>The delivery the receiver got <paramref name="request"/> for (its webhook-id is <c>msg_&lt;delivery id&gt;</c>), with its attempts.</summary>
    public static Task<JsonObject> DeliveryOfAsync(HttpClient admin, string webhookId, ReceivedRequest request) =>
        GetJsonAsync(admin, $"{Hooks}/{webhookId}/deliveries/{DeliveryId(request)}");

    public static Guid DeliveryId(ReceivedRequest request)
    {
        var id = request.Header("webhook-id")!;
        Assert.StartsWith("msg_", id, StringComparison.Ordinal);
        return Guid.ParseExact(id["msg_".Length..], "N");
    }

    /// <summary>Polls the delivery until <paramref name="done"/> holds (results are written in the background after the answer).</summary>
    public static async Task<JsonObject> WaitForDeliveryAsync(HttpClient admin, string webhookId, Guid deliveryId, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var delivery = await GetJsonAsync(admin, $"{Hooks}/{webhookId}/deliveries/{deliveryId}");
            if (done(delivery)) return delivery;
            if (DateTime.UtcNow > until) Assert.Fail($"The delivery did not reach the expected state in {timeout}: {delivery.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls the subscription until <paramref name="done"/> holds.</summary>
    public static async Task<JsonObject> WaitForWebhookAsync(HttpClient admin, string webhookId, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var webhook = await GetJsonAsync(admin, $"{Hooks}/{webhookId}");
            if (done(webhook)) return webhook;
            if (DateTime.UtcNow > until) Assert.Fail($"The webhook did not reach the expected state in {timeout}: {webhook.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>The npm <c>standardwebhooks</c> verifier's verdict on a received request (null when node is unavailable and not required).</summary>
    public static async Task<string?> VerifyAsync(ReceivedRequest request, string secret)
    {
        var verifier = await StandardWebhooksVerifier.GetAsync();
        return verifier is null ? null : await verifier.VerifyAsync(request.Headers, request.BodyText, secret);
    }

    public static JsonObject Body(ReceivedRequest request) => JsonNode.Parse(request.BodyText)!.AsObject();

    public static string Type(ReceivedRequest request) => Body(request)["type"]!.GetValue<string>();
}
