using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Small JSON helpers over <see cref="HttpClient"/> for the REST API of contract §3.</summary>
public static class HttpJson
{
    public const string V1 = "/api/v1";

    public static StringContent Content(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Content(json) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = Content(json, "application/merge-patch+json") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, string json) =>
        client.PutAsync(url, Content(json));

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return client.SendAsync(request);
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text) ?? throw new InvalidOperationException("The body is JSON null.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidOperationException($"Expected a JSON body from {(int)response.StatusCode}, got: {text}", e);
        }
    }

    public static async Task<JsonObject> JsonObjectAsync(this HttpResponseMessage response) => (await response.JsonAsync()).AsObject();

    /// <summary>Asserts the status code, showing the body when it differs.</summary>
    public static async Task ExpectStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode == expected) return;
        var body = await response.Content.ReadAsStringAsync();
        Assert.Fail($"Expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {body}");
    }

    /// <summary>Creates a record and returns its JSON; fails the test unless the server answers 201.</summary>
    public static async Task<JsonObject> CreateAsync(this HttpClient client, string objectName, string json)
    {
        using var response = await client.PostJsonAsync($"{V1}/{objectName}", json);
        await response.ExpectStatusAsync(HttpStatusCode.Created);
        return await response.JsonObjectAsync();
    }

    /// <summary>Reads a record; fails the test unless the server answers 200.</summary>
    public static async Task<JsonObject> ReadAsync(this HttpClient client, string objectName, string id)
    {
        using var response = await client.GetAsync($"{V1}/{objectName}/{id}");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return await response.JsonObjectAsync();
    }

    /// <summary>One page of a list call; fails the test unless the server answers 200.</summary>
    public static async Task<(List<JsonObject> Data, string? NextCursor)> ListAsync(this HttpClient client, string objectName, string query = "")
    {
        var url = $"{V1}/{objectName}" + (query.Length > 0 ? "?" + query : "");
        using var response = await client.GetAsync(url);
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var body = await response.JsonObjectAsync();
        var data = body["data"]!.AsArray().Select(n => n!.AsObject()).ToList();
        return (data, body["nextCursor"]?.GetValue<string>());
    }

    /// <summary>How many live records of <paramref name="objectName"/> a list call returns (up to 1000).</summary>
    public static async Task<int> CountAsync(this HttpClient client, string objectName) =>
        (await client.ListAsync(objectName, "limit=1000")).Data.Count;

    public static string Id(this JsonNode record) => record["id"]!.GetValue<string>();

    public static string? Str(this JsonNode? node) => node?.GetValue<string>();

    /// <summary>The single ETag of a response, including its quotes.</summary>
    public static string? ETag(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var values) ? values.Single() : null;
}
