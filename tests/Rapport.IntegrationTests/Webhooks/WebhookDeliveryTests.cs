using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Webhooks.WebhookKit;

namespace Rapport.IntegrationTests.Webhooks;

/// <summary>
/// Live deliveries to a <see cref="WebhookReceiver"/>, with signatures checked by the npm <c>standardwebhooks</c>
/// reference verifier: what arrives, retries and back-off, disabling and re-enabling, rotation, manual retry.
/// </summary>
public abstract class WebhookDeliveryTests
{
    protected abstract Task<RapportApp?> StartAsync(Dictionary<string, string?> settings);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Deliver_ContactCreatedUpdatedDeleted_ArriveSignedAsStandardWebhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, secret, _) = await SubscribeAsync(admin, receiver.Url, "contact.*");

        var contact = await writer.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        using (var patch = await writer.PatchJsonAsync($"{V1}/contacts/{contact.Id()}", """{ "title": "Countess" }"""))
            await patch.ExpectStatusAsync(HttpStatusCode.OK);
        using (var delete = await writer.DeleteAsync($"{V1}/contacts/{contact.Id()}"))
            await delete.ExpectStatusAsync(HttpStatusCode.NoContent);

        var requests = await receiver.WaitForCountAsync(3, Wait);
        Assert.Equal(["contact.created", "contact.deleted", "contact.updated"], requests.Select(Type).Order().ToList());
        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.StartsWith("application/json", request.Header("content-type"), StringComparison.Ordinal);
            var verdict = await VerifyAsync(request, secret);
            if (verdict is not null) Assert.Equal("ok", verdict);
            var body = Body(request);
            Assert.Equal(["type", "timestamp", "data"], body.Select(p => p.Key).ToList());
            Assert.Equal(contact.Id(), body["data"]!["id"]!.GetValue<string>());
            Assert.True(DateTime.TryParse(body["timestamp"]!.GetValue<string>(), out _));
        }
        Assert.Equal("Countess", Body(requests.Single(r => Type(r) == "contact.updated"))["data"]!["title"]!.GetValue<string>());
        Assert.Equal(3, requests.Select(r => r.Header("webhook-id")).Distinct().Count());

        var delivery = await WaitForDeliveryAsync(admin, hook, DeliveryId(requests[0]), d => d["status"]!.GetValue<string>() == "delivered", Wait);
        Assert.Equal(1, delivery["attemptCount"]!.GetValue<int>());
        var attempt = Assert.Single(delivery["attempts"]!.AsArray())!;
        Assert.Equal(200, attempt["response"]!["status"]!.GetValue<int>());
        Assert.Equal(requests[0].Header("webhook-id"), attempt["request"]!["webhookId"]!.GetValue<string>());
        Assert.DoesNotContain("whsec_", delivery.ToJsonString(), StringComparison.Ordinal);
    }
}

public sealed class WebhookDeliveryTests_Sqlite : WebhookDeliveryTests
{
    protected override async Task<RapportApp?> StartAsync(Dictionary<string, string?> settings) => await RapportApp.StartSqliteAsync(settings: settings);
}

[Collection(PostgresCollection.Name)]
public sealed class WebhookDeliveryTests_Postgres(PostgresFixture pg) : WebhookDeliveryTests
{
    protected override Task<RapportApp?> StartAsync(Dictionary<string, string?> settings) => RapportApp.StartPostgresAsync(pg, settings: settings);
}
