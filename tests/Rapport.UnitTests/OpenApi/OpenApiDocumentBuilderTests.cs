using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Rapport.Domain.Metadata;
using static Rapport.UnitTests.OpenApi.OpenApiTestDocument;

namespace Rapport.UnitTests.OpenApi;

public class OpenApiDocumentBuilderTests
{
    private readonly JsonObject _document = Build();

    [Fact]
    public void Build_EveryObject_HasItsSevenRecordOperations()
    {
        foreach (var def in StandardObjects.All)
        {
            var one = char.ToUpperInvariant(def.Singular[0]) + def.Singular[1..];
            var many = char.ToUpperInvariant(def.Name[0]) + def.Name[1..];
            var expected = new (string Path, string Method, string OperationId)[]
            {
                ($"/api/v1/{def.Name}", "get", $"list{many}"),
                ($"/api/v1/{def.Name}", "post", $"create{one}"),
                ($"/api/v1/{def.Name}/{{id}}", "get", $"get{one}"),
                ($"/api/v1/{def.Name}/{{id}}", "patch", $"update{one}"),
                ($"/api/v1/{def.Name}/{{id}}", "delete", $"delete{one}"),
                ($"/api/v1/{def.Name}/external/{{system}}/{{externalId}}", "put", $"upsert{one}ByExternalId"),
                ($"/api/v1/{def.Name}/{{id}}/restore", "post", $"restore{one}"),
            };
            foreach (var (path, method, operationId) in expected)
                Assert.Equal(operationId, _document["paths"]?[path]?[method]?["operationId"]?.GetValue<string>());
        }
    }

    [Fact]
    public void Build_BulkJobs_AreDescribedWithTheirScope()
    {
        var expected = new (string Path, string Method, string OperationId)[]
        {
            ("/api/v1/jobs/import", "post", "startImport"),
            ("/api/v1/jobs/export", "post", "startExport"),
            ("/api/v1/jobs", "get", "listJobs"),
            ("/api/v1/jobs/{id}", "get", "getJob"),
            ("/api/v1/jobs/{id}/errors", "get", "getJobErrors"),
            ("/api/v1/jobs/{id}/download", "get", "downloadExport"),
            ("/api/v1/jobs/{id}/cancel", "post", "cancelJob"),
        };
        foreach (var (path, method, operationId) in expected)
        {
            var operation = _document["paths"]?[path]?[method];
            Assert.Equal(operationId, operation?["operationId"]?.GetValue<string>());
            Assert.Contains("crm.bulk", operation!["security"]!.ToJsonString(), StringComparison.Ordinal);
        }
        Assert.NotNull(_document["paths"]!["/api/v1/jobs/import"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]);
    }

    [Fact]
    public void Build_Operations_HaveUniqueIdsAndATag()
    {
        var operations = Operations(_document).ToList();
        var ids = operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(operations, o => Assert.NotEmpty(o.Operation["tags"]!.AsArray()));
        Assert.Contains("listContacts", ids);
        Assert.Contains("upsertContactByExternalId", ids);
    }

    [Fact]
    public void Build_ContactCustomPicklist_IsTypedUnderCustomWithItsOptions()
    {
        var custom = Schema(_document, "Contact")["properties"]!["custom"]!.AsObject();
        Assert.False(custom["additionalProperties"]!.GetValue<bool>());
        var tier = custom["properties"]!["tier"]!.AsObject();
        Assert.Equal("string", tier["type"]!.GetValue<string>());
        Assert.Equal(["gold", "silver", null], tier["enum"]!.AsArray().Select(v => v?.GetValue<string>()));
        Assert.True(tier["nullable"]!.GetValue<bool>());
    }

    [Fact]
    public void Build_ContactCustomField_IsAFilterOfTheContactList()
    {
        var list = _document["paths"]!["/api/v1/contacts"]!["get"]!.AsObject();
        var parameter = Assert.Single(Parameters(_document, list), p => p["name"]!.GetValue<string>() == "custom.tier");
        Assert.Equal("query", parameter["in"]!.GetValue<string>());
        Assert.Equal(["gold", "silver"], parameter["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var names = Parameters(_document, list).Select(p => p["name"]!.GetValue<string>()).ToList();
        Assert.Contains("firstName", names);
        Assert.Contains("address.city", names);
        Assert.Contains("email", names);
        Assert.Contains("limit", names);
    }

    [Fact]
    public void Build_ObjectsWithoutTheCustomField_DoNotMentionIt()
    {
        foreach (var def in StandardObjects.All.Where(d => d != StandardObjects.Contacts))
        {
            var paths = _document["paths"]!.AsObject().Where(p => p.Key.StartsWith($"/api/v1/{def.Name}", StringComparison.Ordinal));
            foreach (var (path, item) in paths) Assert.DoesNotContain("tier", item!.ToJsonString(), StringComparison.Ordinal);
            var one = char.ToUpperInvariant(def.Singular[0]) + def.Singular[1..];
            Assert.Empty(Schema(_document, one)["properties"]!["custom"]!["properties"]!.AsObject());
        }
        var accounts = _document["paths"]!["/api/v1/accounts"]!["get"]!.AsObject();
        Assert.Contains(Parameters(_document, accounts), p => p["name"]!.GetValue<string>() == "billingAddress.city");
    }

    [Fact]
    public void Build_StandardFields_AreTypedFromTheirKind()
    {
        var account = Schema(_document, "Account")["properties"]!;
        Assert.Equal("integer", account["employees"]!["type"]!.GetValue<string>());
        Assert.Equal("int64", account["employees"]!["format"]!.GetValue<string>());
        Assert.Equal("number", account["annualRevenue"]!["type"]!.GetValue<string>());
        Assert.Equal("uri", account["website"]!["format"]!.GetValue<string>());
        Assert.Equal("^[A-Z]{3}$", account["currency"]!["pattern"]!.GetValue<string>());
        Assert.Equal("uuid", account["parentAccountId"]!["format"]!.GetValue<string>());
        Assert.Contains("account", account["parentAccountId"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("#/components/schemas/Address", account["billingAddress"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Address", account["shippingAddress"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("string", account["externalIds"]!["additionalProperties"]!["type"]!.GetValue<string>());
        foreach (var readOnly in new[] { "id", "createdAt", "updatedAt", "version" })
            Assert.True(account[readOnly]!["readOnly"]!.GetValue<bool>(), readOnly);

        var contact = Schema(_document, "Contact");
        Assert.Contains("lastName", contact["required"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.True(contact["properties"]!["firstName"]!["nullable"]!.GetValue<bool>());
        Assert.Equal("date", contact["properties"]!["birthDate"]!["format"]!.GetValue<string>());
        var emails = contact["properties"]!["emails"]!;
        Assert.Equal("array", emails["type"]!.GetValue<string>());
        Assert.Equal(20, emails["maxItems"]!.GetValue<int>());
        var country = Schema(_document, "Address")["properties"]!["country"]!;
        Assert.Equal("^[A-Z]{2}$", country["pattern"]!.GetValue<string>());
        Assert.True(Schema(_document, "Lead")["properties"]!["convertedAt"]!["readOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Build_OpportunityStage_OffersThePipelineStages()
    {
        var stage = Schema(_document, "Opportunity")["properties"]!["stage"]!;
        Assert.Equal([.. Stages, null], stage["enum"]!.AsArray().Select(v => v?.GetValue<string>()));
    }

    [Fact]
    public void Build_PatchSchema_RequiresNothing()
    {
        Assert.Null(Schema(_document, "ContactPatch")["required"]);
        var patch = _document["paths"]!["/api/v1/contacts/{id}"]!["patch"]!["requestBody"]!["content"]!.AsObject();
        Assert.Equal(["application/merge-patch+json", "application/json", "application/xml"], patch.Select(c => c.Key));
    }

    [Fact]
    public void Build_Operations_NameTheScopeTheyNeed()
    {
        Assert.Equal("crm.read", Scope("/api/v1/contacts", "get"));
        Assert.Equal("crm.write", Scope("/api/v1/contacts", "post"));
        Assert.Equal("crm.write", Scope("/api/v1/contacts/{id}", "delete"));
        Assert.Equal("crm.admin", Scope("/api/v1/metadata/fields/{object}", "post"));
        Assert.Equal("crm.admin", Scope("/api/v1/metadata/pipeline", "put"));
        Assert.Equal("crm.admin", Scope("/api/v1/users", "post"));
        Assert.Equal("crm.read", Scope("/api/v1/users", "get"));
        Assert.Empty(_document["paths"]!["/oauth/token"]!["post"]!["security"]!.AsArray());
        var scopes = _document["components"]!["securitySchemes"]!["oauth2"]!["flows"]!["clientCredentials"]!;
        Assert.Equal("/oauth/token", scopes["tokenUrl"]!.GetValue<string>());
        Assert.Equal(["crm.read", "crm.write", "crm.admin", "crm.bulk"], scopes["scopes"]!.AsObject().Select(s => s.Key));
    }

    [Fact]
    public void Build_RecordCalls_DocumentHeadersAndFormats()
    {
        var create = _document["paths"]!["/api/v1/contacts"]!["post"]!;
        Assert.Contains(Parameters(_document, create.AsObject()), p => p["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
        var created = create["responses"]!["201"]!;
        Assert.NotNull(created["headers"]!["Location"]);
        Assert.NotNull(created["headers"]!["ETag"]);
        Assert.NotNull(create["responses"]!["422"]);
        var list = _document["paths"]!["/api/v1/contacts"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal(["application/json", "application/xml", "text/csv"], list.Select(c => c.Key));
        var patch = _document["paths"]!["/api/v1/contacts/{id}"]!["patch"]!.AsObject();
        Assert.Contains(Parameters(_document, patch), p => p["name"]!.GetValue<string>() == "If-Match");
        Assert.NotNull(patch["responses"]!["412"]);
    }

    [Fact]
    public void Build_PathTemplates_DeclareEachParameter()
    {
        foreach (var (path, method, operation) in Operations(_document))
        {
            var declared = Parameters(_document, operation).Where(p => p["in"]!.GetValue<string>() == "path").Select(p => p["name"]!.GetValue<string>()).ToHashSet();
            var used = Regex.Matches(path, @"\{([^}]+)\}").Select(m => m.Groups[1].Value).ToHashSet();
            Assert.True(used.SetEquals(declared), $"{method} {path} declares {string.Join(",", declared)}");
        }
    }

    [Fact]
    public void Build_References_AllPointToComponents()
    {
        var json = _document.ToJsonString();
        foreach (Match m in Regex.Matches(json, "\"\\$ref\":\"#/components/([a-zA-Z]+)/([^\"]+)\""))
            Assert.True(_document["components"]![m.Groups[1].Value]?[m.Groups[2].Value] is not null, m.Value);
    }

    [Fact]
    public void Build_Document_IsValidOpenApi30ForARealParser()
    {
        var result = OpenApiDocument.Parse(_document.ToJsonString(), "json");

        Assert.Empty(result.Diagnostic!.Errors.Select(e => e.ToString()));
        Assert.Empty(result.Diagnostic.Warnings.Select(e => e.ToString()));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, result.Diagnostic.SpecificationVersion);
        Assert.NotNull(result.Document!.Components!.Schemas!["Contact"]);
        Assert.Equal(_document["paths"]!.AsObject().Count, result.Document.Paths.Count);
    }

    [Fact]
    public void Build_WithoutCustomFieldsOrStages_IsStillValid()
    {
        var schemas = StandardObjects.All.Select(d => new ObjectSchema(d, [])).ToList();
        var document = Rapport.Api.OpenApi.OpenApiDocumentBuilder.Build(schemas, [], "https://crm.example.com/");

        Assert.Equal("https://crm.example.com", document["servers"]![0]!["url"]!.GetValue<string>());
        Assert.Null(Schema(document, "Opportunity")["properties"]!["stage"]!["enum"]);
        var result = OpenApiDocument.Parse(document.ToJsonString(), "json");
        Assert.Empty(result.Diagnostic!.Errors.Select(e => e.ToString()));
    }

    private string Scope(string path, string method) =>
        Assert.Single(_document["paths"]![path]![method]!["security"]!.AsArray())!["oauth2"]![0]!.GetValue<string>();
}
