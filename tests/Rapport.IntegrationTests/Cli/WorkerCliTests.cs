using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Webhooks.WebhookKit;

namespace Rapport.IntegrationTests.Cli;

/// <summary>
/// <c>rapport serve --no-workers</c> serves the API without dispatching; <c>rapport worker</c> dispatches
/// without the API (issue 5: scale-out). Both real processes on one database file.
/// </summary>
public sealed class WorkerCliTests : IAsyncDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"rapport-worker-test-{Guid.NewGuid():N}.db");
    private static readonly Dictionary<string, string> AllowLoopback = new() { ["RAPPORT_WEBHOOKS_ALLOW_PRIVATE"] = "true" };

    [Fact]
    public async Task Worker_ServerWithoutWorkers_WebhooksWaitForTheWorkerThenArrive()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "clients", "create", "--name", "worker-test", "--scopes", "crm.read crm.write crm.admin", "--json", "--db", "sqlite:" + _db);
        Assert.True(created.ExitCode == 0, created.ToString());
        using var server = await ServerProcess.ServeAsync("sqlite:" + _db, AllowLoopback, "--no-workers");
        using var http = await ServerProcess.ClientAsync(server.Url, JsonNode.Parse(created.StdOut)!);
        await SubscribeAsync(http, receiver.Url, "contact.*");
        var contact = await http.CreateAsync("contacts", """{ "lastName": "Hollerith" }""");

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(receiver.Requests);
        using var feed = await http.GetAsync($"{V1}/changes?objects=contacts");
        await feed.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Single((await feed.JsonObjectAsync())["data"]!.AsArray());

        using var worker = await ServerProcess.WorkerAsync("sqlite:" + _db, AllowLoopback);
        var delivered = await receiver.WaitForCountAsync(1, TimeSpan.FromSeconds(20));
        Assert.Equal(contact.Id(), Body(delivered[0])["data"]!["id"]!.GetValue<string>());
        Assert.Equal("contact.created", Type(delivered[0]));
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
