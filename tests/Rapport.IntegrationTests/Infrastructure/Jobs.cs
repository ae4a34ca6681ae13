using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Starts bulk jobs through the API (contract §5) and waits for them to finish.</summary>
public static class Jobs
{
    public static async Task<HttpResponseMessage> PostImportAsync(HttpClient client, string objectName, string fileName, byte[] content,
        IReadOnlyDictionary<string, string>? options = null, bool includeObject = true)
    {
        using var form = new MultipartFormDataContent();
        if (includeObject) form.Add(new StringContent(objectName), "object");
        foreach (var (name, value) in options ?? new Dictionary<string, string>()) form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/api/v1/jobs/import", form);
    }

    /// <summary>Uploads a file, expects 202, waits for the job to finish and returns its final state.</summary>
    public static async Task<JsonObject> ImportAsync(HttpClient client, string objectName, string fileName, string text,
        IReadOnlyDictionary<string, string>? options = null) =>
        await ImportAsync(client, objectName, fileName, Encoding.UTF8.GetBytes(text), options);

    public static async Task<JsonObject> ImportAsync(HttpClient client, string objectName, string fileName, byte[] content,
        IReadOnlyDictionary<string, string>? options = null)
    {
        using var response = await PostImportAsync(client, objectName, fileName, content, options);
        await response.ExpectStatusAsync(HttpStatusCode.Accepted);
        var job = await response.JsonObjectAsync();
        Assert.Equal($"/api/v1/jobs/{job.Id()}", response.Headers.Location?.ToString());
        return await WaitAsync(client, job.Id());
    }

    public static async Task<JsonObject> ExportAsync(HttpClient client, string json) => await WaitAsync(client, await QueueExportAsync(client, json));

    /// <summary>Starts an export job and returns its id without waiting for it.</summary>
    public static async Task<string> QueueExportAsync(HttpClient client, string json)
    {
        using var response = await client.PostJsonAsync("/api/v1/jobs/export", json);
        await response.ExpectStatusAsync(HttpStatusCode.Accepted);
        return (await response.JsonObjectAsync()).Id();
    }

    public static async Task<byte[]> DownloadAsync(HttpClient client, JsonObject job)
    {
        Assert.Equal("completed", job["status"].Str());
        using var response = await client.GetAsync($"/api/v1/jobs/{job.Id()}/download");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<JsonObject> WaitAsync(HttpClient client, string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/jobs/{id}");
            await response.ExpectStatusAsync(HttpStatusCode.OK);
            var job = await response.JsonObjectAsync();
            if (job["status"].Str() is "completed" or "failed" or "cancelled") return job;
            if (DateTime.UtcNow > deadline) Assert.Fail($"job {id} still {job["status"].Str()} after the timeout: {job.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static long Count(JsonObject job, string name) => job["counts"]![name]!.GetValue<long>();

    public static async Task<JsonArray> ErrorsAsync(HttpClient client, JsonObject job)
    {
        using var response = await client.GetAsync($"/api/v1/jobs/{job.Id()}/errors?limit=1000");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        return (await response.JsonObjectAsync())["data"]!.AsArray();
    }
}
