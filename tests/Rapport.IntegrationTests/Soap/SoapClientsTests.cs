using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Cli;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Soap;

/// <summary>
/// Real third-party SOAP clients against a real <c>rapport serve</c>: zeep (python3-zeep, Debian) and the
/// Node <c>soap</c> package read the WSDL and create, retrieve, update, query and delete a contact over
/// SOAP 1.1 and 1.2, authenticated by a WS-Security UsernameToken (tests/soap-clients).
/// </summary>
public sealed class SoapClientsTests : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"rapport-soap-clients-{Guid.NewGuid():N}.db");

    [Theory]
    [InlineData("soap11")]
    [InlineData("soap12")]
    public async Task Zeep_ReadsWsdlAndRunsCrudQueryAndFault(string version)
    {
        var why = await ZeepMissingAsync();
        if (RequiredTools.Missing("python3-zeep", why)) return;
        var scripts = NodePackages.Directory("soap-clients");
        await RunClientAsync(version, "Lovelace", "Countess", (wsdl, id, secret, externalId) =>
            new ProcessStartInfo(Python, [Path.Combine(scripts, "zeep-client.py"), wsdl, id, secret, version, externalId]));
    }

    [Theory]
    [InlineData("soap11")]
    [InlineData("soap12")]
    public async Task NodeSoap_ReadsWsdlAndRunsCrudQueryAndFault(string version)
    {
        var scripts = NodePackages.Directory("soap-clients");
        string? why = null;
        try { await NodePackages.InstallAsync(scripts, "soap"); }
        catch (InvalidOperationException e) { why = e.Message; }
        if (RequiredTools.Missing("the Node soap package", why)) return;
        await RunClientAsync(version, "Hopper", "Commodore", (wsdl, id, secret, externalId) =>
            new ProcessStartInfo("node", [Path.Combine(scripts, "node-client.js"), wsdl, id, secret, version, externalId]));
    }

    /// <summary>Starts a server, runs the client script and checks each step it prints against what the server holds.</summary>
    private async Task RunClientAsync(string version, string lastName, string newTitle, Func<string, string, string, string, ProcessStartInfo> client)
    {
        var created = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "clients", "create", "--name", "soap-client", "--scopes", "crm.read crm.write crm.admin", "--json", "--db", "sqlite:" + _db);
        Assert.True(created.ExitCode == 0, created.ToString());
        var credentials = JsonNode.Parse(created.StdOut)!;
        var clientId = credentials["client_id"]!.GetValue<string>();
        using var server = await ServerProcess.ServeAsync("sqlite:" + _db, new Dictionary<string, string>());
        var externalId = "EXT-" + version;

        var run = await ToolProcess.RunAsync(client($"{server.Url}/soap/v1?wsdl", clientId, credentials["client_secret"]!.GetValue<string>(), externalId), TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, $"the SOAP client failed (exit {run.ExitCode}):\n{run.Output}\nserver:\n{server.Output}");
        var steps = run.Output.Split('\n').Where(l => l.StartsWith("{\"step\"", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l)!).ToDictionary(s => s["step"]!.GetValue<string>(), s => s["value"]);
        var createdRecord = steps["create"]!;
        var id = createdRecord["id"]!.GetValue<string>();
        Assert.Equal(lastName, createdRecord["lastName"]!.GetValue<string>());
        Assert.Equal(externalId, createdRecord["externalIds"]!["externalId"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(id, steps["retrieve"]!["id"]!.GetValue<string>());
        Assert.Equal(newTitle, steps["update"]!["title"]!.GetValue<string>());
        Assert.Equal("2", steps["update"]!["version"]!.ToString());
        Assert.Contains(steps["query"]!["contact"]!.AsArray(), c => c!["id"]!.GetValue<string>() == id);
        Assert.Contains("412", steps["stale"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(id, steps["delete"]!.ToJsonString(), StringComparison.Ordinal);

        using var http = await ServerProcess.ClientAsync(server.Url, credentials);
        using var gone = await http.GetAsync($"{V1}/contacts/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var feed = await http.GetAsync($"{V1}/changes?objects=contacts");
        var ops = (await feed.JsonObjectAsync())["data"]!.AsArray().Where(c => c!["id"]!.GetValue<string>() == id).ToList();
        Assert.Equal(["created", "updated", "deleted"], ops.Select(c => c!["op"]!.GetValue<string>()));
        Assert.All(ops, c => Assert.Equal(clientId, c!["actor"]!["clientId"]!.GetValue<string>()));
    }

    private static async Task<string?> ZeepMissingAsync()
    {
        if (!File.Exists(Python)) return $"{Python} is missing (apt-get install python3-zeep)";
        var probe = await ToolProcess.RunAsync(new ProcessStartInfo(Python, ["-c", "import zeep, lxml"]), TimeSpan.FromSeconds(30));
        return probe.ExitCode == 0 ? null : $"python3-zeep is not installed (apt-get install python3-zeep): {probe.Output}";
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            try { File.Delete(file); }
            catch (IOException) { }
        }
        return ValueTask.CompletedTask;
    }
}
