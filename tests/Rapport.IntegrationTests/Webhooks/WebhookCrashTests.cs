using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Cli;
using Xunit.Abstractions;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Webhooks.WebhookKit;

namespace Rapport.IntegrationTests.Webhooks;

/// <summary>
/// The real <c>rapport serve</c> killed with SIGKILL while it delivers: after a restart on the same database every
/// event reaches the receiver at least once, and exactly once counted by <c>webhook-id</c> (issue 5).
/// </summary>
public sealed class WebhookCrashTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const int Events = 1000;
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"rapport-crash-test-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Serve_KilledWhileDelivering_EveryEventArrivesAfterRestartOncePerWebhookId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Slow answers keep deliveries in flight, so the kill lands in the middle of them.
        receiver.RespondWith(new ReceiverResponse(200, Delay: TimeSpan.FromMilliseconds(100)));
        var created = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "clients", "create", "--name", "crash", "--scopes", "crm.read crm.write crm.admin", "--json", "--db", "sqlite:" + _db);
        Assert.True(created.ExitCode == 0, created.ToString());
        var credentials = JsonNode.Parse(created.StdOut)!;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        List<string> ids;
        int beforeKill;
        using (var server = await ServeAsync())
        {
            http.BaseAddress = new Uri(server.Url);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, credentials));
            var (_, secret, _) = await SubscribeAsync(http, receiver.Url, "contact.created");
            ids = await CreateContactsAsync(http);

            await receiver.WaitForCountAsync(300, TimeSpan.FromSeconds(30));
            server.Process.Kill();
            await server.Process.WaitForExitAsync();
            beforeKill = receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Count();
            Assert.True(beforeKill < Events, $"all {Events} events were delivered before the kill; nothing was under way");
            if (await VerifyAsync(receiver.Requests[0], secret) is { } verdict) Assert.Equal("ok", verdict);
        }

        await Task.Delay(500);
        var afterKill = receiver.Requests.Count;
        using (var restarted = await ServeAsync())
        {
            // The dead server's leases run out (30 s) before the new one takes its deliveries over.
            var requests = await receiver.WaitForAsync(r => r.Select(x => x.Header("webhook-id")).Distinct().Count() >= Events, TimeSpan.FromSeconds(50));
            await Task.Delay(1000);
            requests = receiver.Requests;
            var byWebhookId = requests.GroupBy(r => r.Header("webhook-id")!).ToList();
            Assert.Equal(Events, byWebhookId.Count);
            Assert.All(byWebhookId, g => Assert.Single(g.Select(r => r.BodyText).Distinct()));
            var delivered = byWebhookId.Select(g => Body(g.First())).ToList();
            Assert.All(delivered, b => Assert.Equal("contact.created", b["type"]!.GetValue<string>()));
            Assert.Equal(ids.Order().ToList(), delivered.Select(b => b["data"]!["id"]!.GetValue<string>()).Order().ToList());
            Assert.True(afterKill < requests.Count, "nothing was sent after the restart");
            output.WriteLine($"{beforeKill} events had arrived when the server was killed; {requests.Count} requests in all, " +
                             $"{requests.Count - Events} of them repeats (sent before the kill, result not yet written), all deduplicated by webhook-id.");
            restarted.Process.Kill();
            await restarted.Process.WaitForExitAsync();
        }
    }

    private sealed record Server(Process Process, string Url, StringBuilder Output) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill();
            Process.Dispose();
        }
    }

    private async Task<Server> ServeAsync()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var process = CliProcess.Start(new Dictionary<string, string> { ["RAPPORT_WEBHOOKS_ALLOW_PRIVATE"] = "true" }, "serve", "--db", "sqlite:" + _db, "--urls", url);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Server(process, url, output);
        try
        {
            await WaitUntilLiveAsync(server);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private static async Task WaitUntilLiveAsync(Server server)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (server.Process.HasExited) Assert.Fail($"rapport serve exited with {server.Process.ExitCode}: {server.Output}");
            try
            {
                using var live = await probe.GetAsync(server.Url + "/health/live");
                if (live.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"rapport serve did not answer within 60 s: {server.Output}");
            await Task.Delay(100);
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, JsonNode credentials)
    {
        using var response = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials["client_id"]!.GetValue<string>(),
            ["client_secret"] = credentials["client_secret"]!.GetValue<string>(),
        }));
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return (await response.JsonObjectAsync())["access_token"]!.GetValue<string>();
    }

    private static async Task<List<string>> CreateContactsAsync(HttpClient http)
    {
        var operations = new JsonArray();
        for (var i = 0; i < Events; i++)
            operations.Add(new JsonObject { ["method"] = "POST", ["path"] = "/contacts", ["body"] = new JsonObject { ["lastName"] = $"Crash {i}" } });
        using var response = await http.PostJsonAsync($"{V1}/batch", new JsonObject { ["atomic"] = true, ["operations"] = operations }.ToJsonString());
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var results = (await response.JsonObjectAsync())["results"]!.AsArray();
        Assert.All(results, r => Assert.Equal(201, r!["status"]!.GetValue<int>()));
        return [.. results.Select(r => r!["body"]!["id"]!.GetValue<string>())];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            try { File.Delete(file); }
            catch (IOException) { }
        }
        var jobFiles = Path.Combine(Path.GetDirectoryName(_db)!, Path.GetFileNameWithoutExtension(_db) + "-files");
        try { if (Directory.Exists(jobFiles)) Directory.Delete(jobFiles, recursive: true); }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
