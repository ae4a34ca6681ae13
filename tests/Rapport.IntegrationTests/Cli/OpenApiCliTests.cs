using System.Net;
using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Postman;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Cli;

/// <summary><c>rapport openapi [--out FILE] [--postman FILE] [--base-url URL]</c>: the documents of the database's current schema, as files.</summary>
public sealed class OpenApiCliTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"rapport-openapi-test-{Guid.NewGuid():N}.db");
    private readonly string _postman = Path.Combine(Path.GetTempPath(), $"rapport-openapi-test-{Guid.NewGuid():N}.postman.json");
    private readonly string _openApi = Path.Combine(Path.GetTempPath(), $"rapport-openapi-test-{Guid.NewGuid():N}.openapi.json");

    [Fact]
    public async Task OpenApi_PostmanAndOut_WriteBothWithTheCustomFieldAddedAtRuntime()
    {
        await using var app = await RapportApp.StartSqliteAsync(_db);
        using var admin = await app.ClientAsync(Scopes.Admin);
        using (var field = await admin.PostJsonAsync("/api/v1/metadata/fields/contacts", """{"name":"tier","type":"picklist","options":["gold","silver"],"required":true}"""))
            await field.ExpectStatusAsync(HttpStatusCode.Created);

        var result = await RunAsync("openapi", "--db", "sqlite:" + _db, "--postman", _postman, "--out", _openApi, "--base-url", "https://crm.example.com");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StdOut);
        var collection = JsonNode.Parse(await File.ReadAllTextAsync(_postman))!.AsObject();
        Assert.Equal(PostmanCollectionBuilder.SchemaUrl, collection["info"]!["schema"]!.GetValue<string>());
        Assert.Equal("https://crm.example.com", collection["variable"]!.AsArray().Single(v => v!["key"]!.GetValue<string>() == "baseUrl")!["value"]!.GetValue<string>());
        var contacts = collection["item"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "Contacts")!["item"]!.AsArray();
        var create = contacts.Single(i => i!["id"]!.GetValue<string>() == "createContact")!;
        Assert.Equal("gold", JsonNode.Parse(create["request"]!["body"]!["raw"]!.GetValue<string>())!["custom"]!["tier"]!.GetValue<string>());
        var list = contacts.Single(i => i!["id"]!.GetValue<string>() == "listContacts")!;
        Assert.Contains("custom.tier", list["request"]!["url"]!["query"]!.AsArray().Select(q => q!["key"]!.GetValue<string>()));
        var document = JsonNode.Parse(await File.ReadAllTextAsync(_openApi))!;
        Assert.NotNull(document["components"]!["schemas"]!["Contact"]!["properties"]!["custom"]!["properties"]!["tier"]);
        Assert.Equal("https://crm.example.com", document["servers"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_NoFiles_PrintsTheDocumentOnStdout()
    {
        var result = await RunAsync("openapi", "--db", "sqlite:" + _db);

        Assert.True(result.ExitCode == 0, result.ToString());
        var document = JsonNode.Parse(result.StdOut)!;
        Assert.Equal("3.0.3", document["openapi"]!.GetValue<string>());
        Assert.Equal("http://localhost:5000", document["servers"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_RelativeBaseUrl_Exits2WithOneLineOnStderr()
    {
        var result = await RunAsync("openapi", "--db", "sqlite:" + _db, "--postman", _postman, "--base-url", "crm.example.com");

        Assert.True(result.ExitCode == 2, result.ToString());
        AssertOneErrorLine(result, "--base-url");
        Assert.False(File.Exists(_postman));
    }

    [Fact]
    public async Task OpenApi_FolderMissing_Exits1WithOneLineOnStderr()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "collection.json");

        var result = await RunAsync("openapi", "--db", "sqlite:" + _db, "--postman", missing);

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertOneErrorLine(result, "does not exist");
    }

    private static void AssertOneErrorLine(CliResult result, string mentions)
    {
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr: {result}");
        Assert.Contains(mentions, lines[0], StringComparison.Ordinal);
        ProblemAssert.NoStackTrace(result.StdErr);
    }

    private static Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(TimeSpan.FromSeconds(60), args);

    public void Dispose()
    {
        foreach (var file in new[] { _db, _db + "-wal", _db + "-shm", _postman, _openApi })
        {
            try { File.Delete(file); }
            catch (IOException) { }
        }
    }
}
