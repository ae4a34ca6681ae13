using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Rapport.Domain.Metadata;
using Rapport.Domain.Normalisation;
using static Rapport.UnitTests.OpenApi.OpenApiTestDocument;

namespace Rapport.UnitTests.OpenApi;

/// <summary>Duplicates, merges, audit and normalisation settings (contract §6) in the OpenAPI document.</summary>
public class DataQualitySectionTests
{
    private const string DataQuality = "Data quality";

    private readonly JsonObject _document = Build();

    [Fact]
    public void Build_DataQualityCalls_AreDescribedWithTheirScopeAndTag()
    {
        var expected = new (string Path, string Method, string OperationId, string Scope, string Tag)[]
        {
            ("/api/v1/merges/{id}", "get", "getMerge", "crm.read", DataQuality),
            ("/api/v1/merges/{id}/undo", "post", "undoMerge", "crm.write", DataQuality),
            ("/api/v1/duplicates/scan", "post", "startDuplicateScan", "crm.bulk", DataQuality),
            ("/api/v1/metadata/matching/{object}", "get", "getMatching", "crm.read", "Metadata"),
            ("/api/v1/metadata/matching/{object}", "put", "setMatching", "crm.admin", "Metadata"),
            ("/api/v1/duplicates", "get", "listDuplicates", "crm.read", DataQuality),
            ("/api/v1/duplicates/check", "post", "checkDuplicates", "crm.read", DataQuality),
            ("/api/v1/duplicates/{id}/dismiss", "post", "dismissDuplicates", "crm.write", DataQuality),
            ("/api/v1/metadata/normalisation/{object}", "get", "getNormalisation", "crm.read", "Metadata"),
            ("/api/v1/metadata/normalisation/{object}", "put", "setNormalisation", "crm.admin", "Metadata"),
        };
        foreach (var (path, method, operationId, scope, tag) in expected)
            AssertOperation(path, method, operationId, scope, tag);
    }

    [Fact]
    public void Build_EveryObject_HasItsMergeAndAuditCalls()
    {
        foreach (var def in StandardObjects.All)
        {
            var one = char.ToUpperInvariant(def.Singular[0]) + def.Singular[1..];
            var many = char.ToUpperInvariant(def.Name[0]) + def.Name[1..];
            var merge = AssertOperation($"/api/v1/{def.Name}/merge", "post", $"merge{many}", "crm.write", DataQuality);
            Assert.Equal($"#/components/schemas/{one}MergeRequest", merge["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
            Assert.True(merge["requestBody"]!["required"]!.GetValue<bool>());
            Assert.Equal($"#/components/schemas/{one}MergeResult", merge["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
            foreach (var status in new[] { "400", "404", "409", "412", "422" }) Assert.NotNull(merge["responses"]![status]);

            var record = Schema(_document, $"{one}MergeResult")["properties"]!["record"]!;
            Assert.Equal($"#/components/schemas/{one}", record["allOf"]![0]!["$ref"]!.GetValue<string>());

            var audit = AssertOperation($"/api/v1/{def.Name}/{{id}}/audit", "get", $"get{one}Audit", "crm.read", DataQuality);
            Assert.Equal("#/components/schemas/AuditList", audit["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Build_MergeRequest_NamesWhatTheServerAccepts()
    {
        var request = Schema(_document, "ContactMergeRequest");
        Assert.False(request["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(["survivorId", "mergedIds"], Strings(request["required"]));
        var properties = request["properties"]!;
        Assert.Equal(["survivorId", "mergedIds", "fieldChoices", "strategy", "sourcePriority", "versions"], properties.AsObject().Select(p => p.Key));
        Assert.Equal(100, properties["mergedIds"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(1, properties["mergedIds"]!["minItems"]!.GetValue<int>());
        Assert.Equal(["survivor", "mostRecent", "mostComplete", "sourcePriority"], Strings(properties["strategy"]!["enum"]));
        Assert.Equal("survivor", properties["strategy"]!["default"]!.GetValue<string>());
        Assert.Equal("integer", properties["versions"]!["additionalProperties"]!["type"]!.GetValue<string>());

        var choices = properties["fieldChoices"]!;
        Assert.False(choices["additionalProperties"]!.GetValue<bool>());
        var fields = choices["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("firstName", fields);
        Assert.Contains("emails", fields);
        Assert.Contains("address", fields);
        Assert.Contains("ownerId", fields);
        Assert.Contains("custom.tier", fields);
        Assert.DoesNotContain("id", fields);
        Assert.DoesNotContain("createdAt", fields);
        Assert.DoesNotContain("custom.tier", Schema(_document, "AccountMergeRequest")["properties"]!["fieldChoices"]!["properties"]!.AsObject().Select(p => p.Key));

        var result = Schema(_document, "ContactMergeResult");
        Assert.Equal(["mergeId", "survivorId", "mergedIds", "fieldSources", "moved", "record"], Strings(result["required"]));
    }

    [Fact]
    public void Build_MergeAndUndo_DescribeTheirBodies()
    {
        var undo = _document["paths"]!["/api/v1/merges/{id}/undo"]!["post"]!;
        Assert.False(undo["requestBody"]!["required"]!.GetValue<bool>());
        Assert.NotNull(undo["responses"]!["409"]);
        var options = Schema(_document, "MergeUndoRequest");
        Assert.False(options["additionalProperties"]!.GetValue<bool>());
        Assert.True(options["properties"]!["keepLaterEdits"]!["default"]!.GetValue<bool>());

        var undone = Schema(_document, "MergeUndoResult")["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(["mergeId", "undone", "survivorId", "restoredIds", "keptFields", "relations", "record"], undone);

        var merge = Schema(_document, "Merge")["properties"]!;
        Assert.True(merge["undoneAt"]!["nullable"]!.GetValue<bool>());
        Assert.NotNull(merge["fieldSources"]);

        var action = Schema(_document, "AuditEntry")["properties"]!["action"]!;
        Assert.Equal(["normalised", "merged", "mergedInto", "mergeUndone"], Strings(action["enum"]));
    }

    [Fact]
    public void Build_MergedRecordIds_Answer301ForReadsAnd410ForChanges()
    {
        foreach (var def in StandardObjects.All)
        {
            var item = _document["paths"]![$"/api/v1/{def.Name}/{{id}}"]!;
            Assert.Equal("#/components/responses/MovedPermanently", item["get"]!["responses"]!["301"]!["$ref"]!.GetValue<string>());
            Assert.Equal("#/components/responses/Gone", item["patch"]!["responses"]!["410"]!["$ref"]!.GetValue<string>());
            Assert.Equal("#/components/responses/Gone", item["delete"]!["responses"]!["410"]!["$ref"]!.GetValue<string>());
            Assert.Null(item["get"]!["responses"]!["410"]);
        }

        var responses = _document["components"]!["responses"]!;
        Assert.NotNull(responses["MovedPermanently"]!["headers"]!["Location"]);
        foreach (var name in new[] { "MovedPermanently", "Gone" })
            Assert.Equal("#/components/schemas/MergedProblem",
                responses[name]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        var merged = Schema(_document, "MergedProblem")["allOf"]!;
        Assert.Equal("#/components/schemas/Problem", merged[0]!["$ref"]!.GetValue<string>());
        Assert.Equal(["mergedInto", "mergeId", "location"], Strings(merged[1]!["required"]));
    }

    [Fact]
    public void Build_Duplicates_DescribeTheirParametersAndShapes()
    {
        var scan = _document["paths"]!["/api/v1/duplicates/scan"]!["post"]!;
        var accepted = scan["responses"]!["202"]!;
        Assert.Equal("#/components/schemas/Job", accepted["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(accepted["headers"]!["Location"]);
        Assert.Equal(["object"], Strings(Schema(_document, "DuplicateScanRequest")["required"]));

        var list = _document["paths"]!["/api/v1/duplicates"]!["get"]!.AsObject();
        var parameters = Parameters(_document, list).ToDictionary(p => p["name"]!.GetValue<string>());
        Assert.Equal(["object", "limit", "cursor", "minScore", "status"], parameters.Keys);
        Assert.True(parameters["object"]["required"]!.GetValue<bool>());
        Assert.Equal(StandardObjects.All.Select(d => d.Name), Strings(parameters["object"]["schema"]!["enum"]));
        Assert.Equal(200L, parameters["limit"]["schema"]!["maximum"]!.GetValue<long>());
        Assert.Equal(1, parameters["minScore"]["schema"]!["maximum"]!.GetValue<int>());
        Assert.Equal(["open", "dismissed"], Strings(parameters["status"]["schema"]!["enum"]));

        var cluster = Schema(_document, "DuplicateCluster")["properties"]!;
        Assert.Equal(["open", "dismissed", "resolved"], Strings(cluster["status"]!["enum"]));
        Assert.Equal(["id", "externalIds", "record"], Strings(cluster["members"]!["items"]!["required"]));
        Assert.True(cluster["members"]!["items"]!["properties"]!["record"]!["nullable"]!.GetValue<bool>());
        Assert.Equal(["data", "nextCursor"], Strings(Schema(_document, "DuplicateClusterList")["required"]));

        var check = Schema(_document, "DuplicateCheckRequest");
        Assert.Equal(1000, check["properties"]!["records"]!["maxItems"]!.GetValue<int>());
        var duplicate = Schema(_document, "DuplicateCheckResult")["properties"]!["results"]!["items"]!["properties"]!["duplicates"]!["items"]!;
        Assert.Equal(["id", "score", "matchedFields"], Strings(duplicate["required"]));

        var dismiss = _document["paths"]!["/api/v1/duplicates/{id}/dismiss"]!["post"]!;
        Assert.NotNull(dismiss["responses"]!["204"]);
        Assert.NotNull(dismiss["responses"]!["404"]);
    }

    [Fact]
    public void Build_NormalisationSettings_OfferEveryRuleAndTheEffectiveOnes()
    {
        var rules = NormalisationSettings.RuleNames.Keys.Append("none").ToList();
        var settings = Schema(_document, "NormalisationSettings")["properties"]!;
        Assert.Equal(rules, Strings(settings["rules"]!["additionalProperties"]!["enum"]));
        Assert.Equal(rules, Strings(settings["effective"]!["additionalProperties"]!["enum"]));
        Assert.True(settings["defaultRegion"]!["nullable"]!.GetValue<bool>());

        var input = Schema(_document, "NormalisationSettingsInput");
        Assert.False(input["additionalProperties"]!.GetValue<bool>());
        Assert.Null(input["properties"]!["effective"]);
        var put = _document["paths"]!["/api/v1/metadata/normalisation/{object}"]!["put"]!;
        Assert.Equal("#/components/schemas/NormalisationSettingsInput", put["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void Build_Job_KnowsDedupeScans()
    {
        var job = Schema(_document, "Job")["properties"]!;
        Assert.Equal(["import", "export", "dedupe"], Strings(job["kind"]!["enum"]));
        Assert.True(job["links"]!["properties"]!["duplicates"]!["nullable"]!.GetValue<bool>());
    }

    [Fact]
    public void Build_Tags_DeclareEveryTagAnOperationUses()
    {
        var declared = _document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(DataQuality, declared);
        foreach (var (path, method, operation) in Operations(_document))
            Assert.All(Strings(operation["tags"]), tag => Assert.True(declared.Contains(tag), $"{method} {path}: {tag}"));
    }

    [Fact]
    public void Build_DataQualityPaths_ReachARealParser()
    {
        var result = OpenApiDocument.Parse(_document.ToJsonString(), "json");

        Assert.Empty(result.Diagnostic!.Errors.Select(e => e.ToString()));
        Assert.Empty(result.Diagnostic.Warnings.Select(e => e.ToString()));
        var paths = result.Document!.Paths;
        Assert.Contains("/api/v1/contacts/merge", paths.Keys);
        Assert.Contains("/api/v1/duplicates/check", paths.Keys);
        Assert.Contains("/api/v1/metadata/normalisation/{object}", paths.Keys);
        Assert.NotNull(result.Document.Components!.Schemas!["MergedProblem"]);
        Assert.Contains(HttpMethod.Post, paths["/api/v1/merges/{id}/undo"].Operations!.Keys);
    }

    private JsonObject AssertOperation(string path, string method, string operationId, string scope, string tag)
    {
        var operation = _document["paths"]?[path]?[method]?.AsObject();
        Assert.True(operation is not null, $"{method} {path} is not documented");
        Assert.Equal(operationId, operation["operationId"]!.GetValue<string>());
        Assert.Equal(scope, Assert.Single(operation["security"]!.AsArray())!["oauth2"]![0]!.GetValue<string>());
        Assert.Equal([tag], Strings(operation["tags"]));
        Assert.NotNull(operation["responses"]!["401"]);
        Assert.NotNull(operation["responses"]!["403"]);
        return operation;
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(v => v!.GetValue<string>())];
}
