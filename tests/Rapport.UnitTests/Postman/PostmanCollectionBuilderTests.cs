using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rapport.Api.OpenApi;
using Rapport.Api.Postman;
using Rapport.Domain.Metadata;
using Rapport.UnitTests.OpenApi;

namespace Rapport.UnitTests.Postman;

/// <summary>The Postman collection made from the OpenAPI document (issue 6): importable, authenticated, runnable top to bottom.</summary>
public partial class PostmanCollectionBuilderTests
{
    private readonly JsonObject _collection = PostmanCollectionBuilder.Build(OpenApiTestDocument.Build());

    [Fact]
    public void Build_StandardDocument_IsCollectionV21WithBearerAuthAndOnDemandToken()
    {
        Assert.Equal(PostmanCollectionBuilder.SchemaUrl, _collection["info"]!["schema"]!.GetValue<string>());
        Assert.Equal("Rapport API", _collection["info"]!["name"]!.GetValue<string>());
        Assert.Equal("bearer", _collection["auth"]!["type"]!.GetValue<string>());
        Assert.Equal("{{accessToken}}", _collection["auth"]!["bearer"]![0]!["value"]!.GetValue<string>());
        var prerequest = Script(_collection, "prerequest");
        Assert.Contains("pm.sendRequest", prerequest, StringComparison.Ordinal);
        Assert.Contains("'/oauth/token'", prerequest.Replace('"', '\''), StringComparison.Ordinal);
        Assert.Contains("accessTokenExpiresAt", prerequest, StringComparison.Ordinal);
        var variables = _collection["variable"]!.AsArray().Select(v => v!["key"]!.GetValue<string>()).ToList();
        Assert.Equal(["baseUrl", "clientId", "clientSecret", "accessToken"], variables.Take(4));
        Assert.Contains("contactId", variables);
        Assert.Equal("http://localhost:5000", Variable(_collection, "baseUrl"));
        Assert.Equal("", Variable(_collection, "clientSecret"));
    }

    [Fact]
    public void Build_BaseUrlGiven_ReplacesTheDocumentsServer()
    {
        var collection = PostmanCollectionBuilder.Build(OpenApiTestDocument.Build(), "https://crm.example.com/");

        Assert.Equal("https://crm.example.com", Variable(collection, "baseUrl"));
    }

    [Fact]
    public void Build_FirstFolder_IsTheClientCredentialsTokenRequestThatStoresTheToken()
    {
        var folder = Folders(_collection)[0];
        var token = folder["item"]![0]!.AsObject();
        var request = token["request"]!;

        Assert.Equal(PostmanCollectionBuilder.AuthenticationFolder, folder["name"]!.GetValue<string>());
        Assert.Equal("POST", request["method"]!.GetValue<string>());
        Assert.Equal("{{baseUrl}}/oauth/token", request["url"]!["raw"]!.GetValue<string>());
        Assert.Equal("noauth", request["auth"]!["type"]!.GetValue<string>());
        var form = request["body"]!["urlencoded"]!.AsArray().ToDictionary(f => f!["key"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("{{clientId}}", form["client_id"]);
        Assert.Equal("{{clientSecret}}", form["client_secret"]);
        Assert.Contains("pm.collectionVariables.set('accessToken'", Script(token, "test"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ObjectFolder_CreatesFirstAndRestoresAfterDelete()
    {
        var contacts = Items(Folder(_collection, "Contacts"));

        Assert.Equal(["createContact", "listContacts", "getContact", "updateContact", "upsertContactByExternalId", "deleteContact", "restoreContact"],
            contacts.Select(i => i["id"]!.GetValue<string>()));
        Assert.Contains("pm.collectionVariables.set(\"contactId\", value)", Script(contacts[0], "test"), StringComparison.Ordinal);
        var get = contacts[2]["request"]!["url"]!;
        Assert.Equal("{{baseUrl}}/api/v1/contacts/:id", get["raw"]!.GetValue<string>());
        Assert.Equal("{{contactId}}", get["variable"]![0]!["value"]!.GetValue<string>());
        var upsert = contacts[4]["request"]!["url"]!["variable"]!.AsArray().ToDictionary(v => v!["key"]!.GetValue<string>(), v => v!["value"]!.GetValue<string>());
        Assert.Equal("erp", upsert["system"]);
        Assert.Equal("C-1001", upsert["externalId"]);
    }

    [Fact]
    public void Build_CreateBodies_HoldTheRequiredFieldsWithValidValues()
    {
        var product = Body(Item(_collection, "createProduct"));
        var activity = Body(Item(_collection, "createActivity"));
        var member = Body(Item(_collection, "addCampaignMember"));

        Assert.Equal(["name", "sku"], product.Select(p => p.Key));
        Assert.Contains("{{$guid}}", product["sku"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("task", activity["type"]!.GetValue<string>());
        Assert.Equal("contacts", member["memberObject"]!.GetValue<string>());
        Assert.Equal("{{contactId}}", member["memberId"]!.GetValue<string>());
        Assert.Equal("application/merge-patch+json", Header(Item(_collection, "updateContact"), "Content-Type"));
    }

    [Fact]
    public void Build_RuntimeCustomFields_AppearAsFiltersAndRequiredOnesInTheCreateBody()
    {
        var tier = CustomFieldTypes.ToField("tier", "Tier", "picklist", true, false, ["gold", "silver"], null, null);
        var schemas = StandardObjects.All.Select(def => new ObjectSchema(def, def == StandardObjects.Contacts ? [tier] : [])).ToList();
        var collection = PostmanCollectionBuilder.Build(OpenApiDocumentBuilder.Build(schemas, ["prospecting"], "http://localhost:5000"));

        var filter = Item(collection, "listContacts")["request"]!["url"]!["query"]!.AsArray().Single(q => q!["key"]!.GetValue<string>() == "custom.tier")!;
        Assert.True(filter["disabled"]!.GetValue<bool>());
        Assert.Equal("gold", filter["value"]!.GetValue<string>());
        Assert.Equal("gold", Body(Item(collection, "createContact"))["custom"]!["tier"]!.GetValue<string>());
        Assert.Null(Body(Item(collection, "createAccount"))["custom"]);
    }

    [Fact]
    public void Build_EveryRequest_TestsTheSuccessStatusesTheDocumentPromises()
    {
        var document = OpenApiTestDocument.Build();
        foreach (var (path, method, operation) in OpenApiTestDocument.Operations(document))
        {
            var statuses = operation["responses"]!.AsObject().Select(r => r.Key).Where(k => k.StartsWith('2')).ToList();
            var script = Script(Item(_collection, operation["operationId"]!.GetValue<string>()), "test");
            if (path == "/oauth/token") Assert.Contains("pm.response.to.have.status(200)", script, StringComparison.Ordinal);
            else Assert.Contains($"pm.expect(pm.response.code).to.be.oneOf([{string.Join(',', statuses)}])", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_UnattendedFolders_UseOnlyVariablesAnEarlierRequestStores()
    {
        var stored = new HashSet<string>(["baseUrl", "clientId", "clientSecret", "accessToken"], StringComparer.Ordinal);
        var names = PostmanCollectionBuilder.UnattendedFolders(_collection);
        Assert.DoesNotContain(PostmanCollectionBuilder.NeedsYourDataFolder, names);
        foreach (var item in names.SelectMany(n => Items(Folder(_collection, n))))
        {
            var request = item["request"]!.ToJsonString();
            foreach (var used in VariableReference().Matches(request).Select(m => m.Groups[1].Value))
                Assert.True(stored.Contains(used), $"{item["id"]} uses {{{{{used}}}}} before any request stores it");
            foreach (var set in StoredVariable().Matches(Script(item, "test")).Select(m => m.Groups[1].Value)) stored.Add(set);
        }
    }

    [Fact]
    public void Build_RequestsNeedingOutsideData_AreKeptApartWithTheReason()
    {
        var waiting = Folder(_collection, PostmanCollectionBuilder.NeedsYourDataFolder);
        var held = waiting["item"]!.AsArray().SelectMany(f => Items(f!.AsObject())).ToDictionary(i => i["id"]!.GetValue<string>());

        Assert.Contains("{{jobId}}", held["getJob"]["request"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("uploads a file", held["startImport"]["request"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(held["startImport"]["request"]!["body"]!["formdata"]!.AsArray(), f => f!["type"]!.GetValue<string>() == "file");
        Assert.Contains("whole server", held["replacePipeline"]["request"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("mergeContacts", held.Keys);
        Assert.DoesNotContain("createContact", held.Keys);
        Assert.Contains("--folder Authentication --folder Accounts", _collection["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static List<JsonObject> Folders(JsonObject collection) => collection["item"]!.AsArray().Select(f => f!.AsObject()).ToList();

    private static JsonObject Folder(JsonObject collection, string name) => Folders(collection).Single(f => f["name"]!.GetValue<string>() == name);

    private static List<JsonObject> Items(JsonObject folder) => folder["item"]!.AsArray().Select(i => i!.AsObject()).ToList();

    private static JsonObject Item(JsonObject collection, string operationId) =>
        Folders(collection).SelectMany(f => f["item"]!.AsArray()).SelectMany(i => i!["item"] is JsonArray nested ? nested.ToList() : new List<JsonNode?> { i })
            .Select(i => i!.AsObject()).Single(i => i["id"]!.GetValue<string>() == operationId);

    private static JsonObject Body(JsonObject item) => JsonNode.Parse(item["request"]!["body"]!["raw"]!.GetValue<string>())!.AsObject();

    private static string? Header(JsonObject item, string name) =>
        item["request"]!["header"]!.AsArray().FirstOrDefault(h => h!["key"]!.GetValue<string>() == name)?["value"]!.GetValue<string>();

    private static string Variable(JsonObject collection, string key) =>
        collection["variable"]!.AsArray().Single(v => v!["key"]!.GetValue<string>() == key)!["value"]!.GetValue<string>();

    private static string Script(JsonObject owner, string listen) =>
        string.Join('\n', owner["event"]!.AsArray().Where(e => e!["listen"]!.GetValue<string>() == listen)
            .SelectMany(e => e!["script"]!["exec"]!.AsArray()).Select(l => l!.GetValue<string>()));

    [GeneratedRegex(@"\{\{([A-Za-z][A-Za-z0-9_]*)\}\}")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"pm\.collectionVariables\.set\([""']([A-Za-z0-9_]+)[""']")]
    private static partial Regex StoredVariable();
}
