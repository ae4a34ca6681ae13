using System.Text.Json.Nodes;
using static Rapport.UnitTests.OpenApi.OpenApiTestDocument;

namespace Rapport.UnitTests.OpenApi;

/// <summary>The usage report and the Prometheus metrics in the OpenAPI document.</summary>
public class UsageSectionTests
{
    private readonly JsonObject _document = Build();

    [Fact]
    public void Build_UsageReport_TakesItsParametersWithAnyScope()
    {
        var usage = _document["paths"]!["/api/v1/usage"]!["get"]!;

        Assert.Equal(["clientId", "from", "to", "operation"], usage["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(4, usage["security"]!.AsArray().Count);
        Assert.Equal(["p50Ms", "p95Ms", "p99Ms"], Schema(_document, "UsageDay")["properties"]!.AsObject().Select(p => p.Key).Where(k => k.EndsWith("Ms", StringComparison.Ordinal) && k != "meanMs"));
    }

    [Fact]
    public void Build_Metrics_NeedNoTokenAndAnswerPrometheusText()
    {
        var metrics = _document["paths"]!["/metrics"]!["get"]!;

        Assert.Empty(metrics["security"]!.AsArray());
        Assert.NotNull(metrics["responses"]!["200"]!["content"]!["text/plain; version=0.0.4; charset=utf-8"]);
    }
}
