using System.Text.Json.Nodes;
using Rapport.Api.OpenApi;
using Rapport.Domain.Metadata;

namespace Rapport.UnitTests.OpenApi;

/// <summary>The document for the standard objects with one custom picklist <c>tier</c> on contacts, as a server would build it.</summary>
internal static class OpenApiTestDocument
{
    public static readonly IReadOnlyList<string> Stages = ["prospecting", "proposal", "closedWon", "closedLost"];

    public static IReadOnlyList<ObjectSchema> Schemas()
    {
        var tier = CustomFieldTypes.ToField("tier", "Tier", "picklist", false, false, ["gold", "silver"], null, null);
        return StandardObjects.All
            .Select(def => def == StandardObjects.Contacts
                ? new ObjectSchema(def, [tier])
                : new ObjectSchema(def, [], def == StandardObjects.Opportunities ? new Dictionary<string, IReadOnlyList<string>> { ["stage"] = Stages } : null))
            .ToList();
    }

    public static JsonObject Build() => OpenApiDocumentBuilder.Build(Schemas(), Stages, "http://localhost:5000");

    public static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
                yield return (path, method, operation!.AsObject());
    }

    /// <summary>A parameter as written or, for a <c>$ref</c>, the shared one it points to.</summary>
    public static JsonObject Resolve(JsonObject document, JsonObject parameter)
    {
        if (parameter["$ref"]?.GetValue<string>() is not { } reference) return parameter;
        var name = reference["#/components/parameters/".Length..];
        return document["components"]!["parameters"]![name]!.AsObject();
    }

    public static IEnumerable<JsonObject> Parameters(JsonObject document, JsonObject operation) =>
        (operation["parameters"]?.AsArray() ?? []).Select(p => Resolve(document, p!.AsObject()));

    public static JsonObject Schema(JsonObject document, string component) => document["components"]!["schemas"]![component]!.AsObject();
}
