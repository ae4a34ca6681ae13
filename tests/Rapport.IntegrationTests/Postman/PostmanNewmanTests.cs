using System.Net;
using System.Text.Json.Nodes;
using Rapport.Api.Postman;
using Rapport.IntegrationTests.Cli;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Postman;

/// <summary>
/// Issue 6: the Postman collection served by a real <c>rapport serve</c> runs under <c>newman</c> (npm) against that
/// server with no failures: every request of the unattended run, in order, with the status the OpenAPI document promises.
/// </summary>
[Collection(NewmanRunCollection.Name)]
public sealed class PostmanNewmanTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"rapport-postman-test-{Guid.NewGuid():N}.db");
    private readonly string _collectionFile = Path.Combine(Path.GetTempPath(), $"rapport-postman-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task PostmanCollection_NewmanAgainstLiveServer_RunsEveryUnattendedRequestWithItsDocumentedStatus()
    {
        var newman = await Newman.GetAsync();
        if (newman is null) return; // node or newman unavailable and not required: treated as skipped
        var created = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "clients", "create", "--name", "postman",
            "--scopes", "crm.read crm.write crm.admin crm.bulk", "--json", "--db", "sqlite:" + _db);
        Assert.True(created.ExitCode == 0, created.ToString());
        var credentials = JsonNode.Parse(created.StdOut)!;
        using var server = await ServerProcess.ServeAsync("sqlite:" + _db, new Dictionary<string, string>());
        using var http = await ServerProcess.ClientAsync(server.Url, credentials);
        using (var field = await http.PostJsonAsync("/api/v1/metadata/fields/contacts", """{"name":"tier","type":"picklist","options":["gold","silver"]}"""))
            await field.ExpectStatusAsync(HttpStatusCode.Created);

        using var response = await http.GetAsync("/api/v1/postman-collection");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var collection = await response.JsonObjectAsync();
        await File.WriteAllTextAsync(_collectionFile, collection.ToJsonString());
        var folders = PostmanCollectionBuilder.UnattendedFolders(collection);
        var expected = folders.SelectMany(f => collection["item"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == f)!["item"]!.AsArray())
            .Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(server.Url, Variable(collection, "baseUrl"));
        Assert.Contains("custom.tier", Item(collection, "listContacts")["request"]!["url"]!["query"]!.AsArray().Select(q => q!["key"]!.GetValue<string>()));

        var (exitCode, output, report) = await newman.RunAsync(_collectionFile,
        [
            "--env-var", "clientId=" + credentials["client_id"]!.GetValue<string>(),
            "--env-var", "clientSecret=" + credentials["client_secret"]!.GetValue<string>(),
            .. folders.SelectMany(f => new[] { "--folder", f }),
        ], TimeSpan.FromMinutes(5));

        var run = report["run"]!;
        Assert.True(exitCode == 0, $"newman exited with {exitCode}:\n{output}\n{server.Output}");
        Assert.Equal(0, run["stats"]!["requests"]!["failed"]!.GetValue<int>());
        Assert.Equal(0, run["stats"]!["assertions"]!["failed"]!.GetValue<int>());
        Assert.Empty(run["failures"]!.AsArray());
        var executions = run["executions"]!.AsArray().Select(e => (Id: e!["item"]!["id"]!.GetValue<string>(), Code: e["response"]!["code"]!.GetValue<int>())).ToList();
        Assert.Equal(expected, executions.Select(e => e.Id));
        Assert.True(run["stats"]!["assertions"]!["total"]!.GetValue<int>() >= executions.Count);
        var documented = await DocumentedSuccessAsync(http);
        Assert.All(executions, e => Assert.Contains(e.Code, documented[e.Id]));
        var codes = executions.ToDictionary(e => e.Id, e => e.Code);
        Assert.Equal(200, codes["issueToken"]);
        Assert.Equal(201, codes["createContact"]);
        Assert.Equal(201, codes["upsertContactByExternalId"]);
        Assert.Equal(204, codes["deleteContact"]);
        Assert.Equal(200, codes["restoreContact"]);
        Assert.Equal(200, codes["convertLead"]);
        Assert.Equal(202, codes["startExport"]);
        Assert.True(executions.Count >= 100, $"only {executions.Count} requests ran");
    }

    private static async Task<Dictionary<string, int[]>> DocumentedSuccessAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/openapi/v1.json");
        var document = await response.JsonObjectAsync();
        return document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .ToDictionary(o => o.Value!["operationId"]!.GetValue<string>(),
                o => o.Value!["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).Where(s => s is >= 200 and < 300).ToArray());
    }

    private static JsonObject Item(JsonObject collection, string id) =>
        collection["item"]!.AsArray().SelectMany(f => f!["item"]!.AsArray()).Select(i => i!.AsObject()).First(i => i["id"]?.GetValue<string>() == id);

    private static string Variable(JsonObject collection, string key) =>
        collection["variable"]!.AsArray().Single(v => v!["key"]!.GetValue<string>() == key)!["value"]!.GetValue<string>();

    public void Dispose()
    {
        foreach (var file in new[] { _db, _db + "-wal", _db + "-shm", _collectionFile })
        {
            try { File.Delete(file); }
            catch (IOException) { }
        }
    }
}
