using System.Text.Json.Nodes;
using static Rapport.UnitTests.OpenApi.OpenApiTestDocument;

namespace Rapport.UnitTests.OpenApi;

/// <summary>The change feed (contract §4) in the OpenAPI document.</summary>
public class ChangesSectionTests
{
    private readonly JsonObject _document = Build();

    [Fact]
    public void Build_ChangeFeed_IsDescribedWithCursorParametersFormatsAndItsOwn410()
    {
        var operation = _document["paths"]!["/api/v1/changes"]!["get"]!.AsObject();
        Assert.Equal("listChanges", operation["operationId"]!.GetValue<string>());
        Assert.Equal("Changes", operation["tags"]![0]!.GetValue<string>());
        Assert.Equal(["since", "objects", "limit"], Parameters(_document, operation).Select(p => p["name"]!.GetValue<string>()).ToList());
        var content = operation["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal(["application/json", "application/xml", "application/cloudevents-batch+json"], content.Select(p => p.Key).ToList());
        Assert.Contains("retention", operation["responses"]!["410"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void Build_ChangeAndCloudEventSchemas_NameEveryOpAndTheRequiredAttributes()
    {
        var change = Schema(_document, "Change");
        Assert.Equal(["created", "updated", "deleted", "merged", "restored"], change["properties"]!["op"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList());
        var cloudEvent = Schema(_document, "CloudEvent");
        foreach (var attribute in (string[])["specversion", "id", "source", "type"])
            Assert.Contains(attribute, cloudEvent["required"]!.AsArray().Select(v => v!.GetValue<string>()));
    }
}
