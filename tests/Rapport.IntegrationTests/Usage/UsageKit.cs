using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Usage;

/// <summary>Clients whose id the test knows, and readers of <c>/metrics</c> and <c>/api/v1/usage</c>.</summary>
internal static class UsageKit
{
    public static async Task<(HttpClient Http, string ClientId)> ClientAsync(RapportApp app, params string[] scopes)
    {
        var credentials = await app.CreateClientAsync(scopes);
        var http = app.NewHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(credentials));
        return (http, credentials.ClientId);
    }

    public static async Task<string> MetricsAsync(RapportApp app)
    {
        using var response = await app.Anonymous.GetAsync("/metrics");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the one sample line that starts with <paramref name="series"/> (name and labels), or null.</summary>
    public static double? Sample(string metrics, string series)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Requests(string operation, int status, string client, string method = "GET") =>
        $"rapport_http_requests_total{{protocol=\"rest\",operation=\"{operation}\",method=\"{method}\",status=\"{status}\",client=\"{client}\"}}";

    public static async Task<List<JsonObject>> UsageAsync(HttpClient http, string query = "")
    {
        using var response = await http.GetAsync("/api/v1/usage" + (query.Length > 0 ? "?" + query : ""));
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return [.. (await response.JsonObjectAsync())["data"]!.AsArray().Select(r => r!.AsObject())];
    }

    public static JsonObject? Row(IEnumerable<JsonObject> rows, string clientId, string operation) =>
        rows.SingleOrDefault(r => r["clientId"].Str() == clientId && r["operation"].Str() == operation);

    public static long Calls(JsonObject? row) => row?["calls"]!.GetValue<long>() ?? 0;
}
