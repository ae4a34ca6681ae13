using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Cli;

/// <summary>
/// A real <c>rapport serve</c> (or <c>rapport worker</c>) process on a free 127.0.0.1 port, for tests that
/// kill it, run several side by side or check what the process itself does. Killed on dispose.
/// </summary>
internal sealed record ServerProcess(Process Process, string Url, StringBuilder Output) : IDisposable
{
    /// <summary>Starts <c>rapport serve --db DB --urls URL ARGS</c> and waits until it answers <c>/health/live</c>.</summary>
    public static async Task<ServerProcess> ServeAsync(string db, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var server = Start(environment, ["serve", "--db", db, "--urls", url, .. args], url);
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

    private static async Task WaitUntilLiveAsync(ServerProcess server)
    {
        var url = server.Url;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // A loaded machine (the whole suite in parallel) can take a while to start a process.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (server.Process.HasExited) Assert.Fail($"rapport serve exited with {server.Process.ExitCode}: {server.Output}");
            try
            {
                using var live = await probe.GetAsync(url + "/health/live");
                if (live.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"rapport serve did not answer within 120 s: {server.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Starts <c>rapport worker --db DB</c> and waits for its start line.</summary>
    public static async Task<ServerProcess> WorkerAsync(string db, IReadOnlyDictionary<string, string> environment)
    {
        var worker = Start(environment, ["worker", "--db", db], "");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!worker.Output.ToString().Contains("worker is following", StringComparison.Ordinal))
        {
            if (worker.Process.HasExited) Assert.Fail($"rapport worker exited with {worker.Process.ExitCode}: {worker.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"rapport worker did not start within 120 s: {worker.Output}");
            await Task.Delay(100);
        }
        return worker;
    }

    /// <summary>An access token for the credentials printed by <c>rapport clients create --json</c>.</summary>
    public static async Task<string> TokenAsync(HttpClient http, JsonNode credentials)
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

    /// <summary>An HTTP client for <paramref name="url"/> authorised with a token for <paramref name="credentials"/>.</summary>
    public static async Task<HttpClient> ClientAsync(string url, JsonNode credentials)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, credentials));
        return http;
    }

    private static ServerProcess Start(IReadOnlyDictionary<string, string> environment, string[] args, string url)
    {
        var process = CliProcess.Start(environment, args);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, url, output);
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
