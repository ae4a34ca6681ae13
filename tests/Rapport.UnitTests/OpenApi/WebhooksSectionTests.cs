using System.Text.Json.Nodes;
using static Rapport.UnitTests.OpenApi.OpenApiTestDocument;

namespace Rapport.UnitTests.OpenApi;

/// <summary>The webhook subscriptions and delivery log (contract §4) in the OpenAPI document.</summary>
public class WebhooksSectionTests
{
    private readonly JsonObject _document = Build();

    [Fact]
    public void Build_WebhookRoutes_AreAllDescribedWithTheAdminScope()
    {
        var webhooks = Operations(_document).Where(o => o.Path.StartsWith("/api/v1/webhooks", StringComparison.Ordinal)).ToList();

        Assert.Equal(
        [
            "delete /api/v1/webhooks/{id}", "get /api/v1/webhooks", "get /api/v1/webhooks/{id}", "get /api/v1/webhooks/{id}/deliveries",
            "get /api/v1/webhooks/{id}/deliveries/{deliveryId}", "patch /api/v1/webhooks/{id}", "post /api/v1/webhooks",
            "post /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry", "post /api/v1/webhooks/{id}/rotate-secret",
        ], webhooks.Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal).ToList());
        Assert.All(webhooks, o => Assert.Equal("crm.admin", o.Operation["security"]![0]!["oauth2"]![0]!.GetValue<string>()));
        Assert.All(webhooks, o => Assert.Equal("Webhooks", o.Operation["tags"]![0]!.GetValue<string>()));
    }

    [Fact]
    public void Build_CreatedWebhook_CarriesItsSecretAndTheListNever()
    {
        var created = _document["paths"]!["/api/v1/webhooks"]!["post"]!["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();

        Assert.EndsWith("/WebhookWithSecret", created, StringComparison.Ordinal);
        Assert.NotNull(Schema(_document, "WebhookWithSecret")["properties"]!["secret"]);
        Assert.Null(Schema(_document, "Webhook")["properties"]!["secret"]);
        Assert.Equal(["pending", "delivered", "failed"], Schema(_document, "WebhookDelivery")["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }
}
