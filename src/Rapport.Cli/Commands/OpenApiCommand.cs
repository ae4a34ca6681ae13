using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Api.Endpoints;
using Rapport.Api.Metadata;
using Rapport.Api.OpenApi;
using Rapport.Api.Postman;
using Rapport.Domain.Records;

namespace Rapport.Cli.Commands;

/// <summary>
/// <c>rapport openapi [--out FILE] [--postman FILE] [--base-url URL] [--db ...]</c>: the OpenAPI document of the
/// database's current schema (custom fields included) to FILE or stdout, and/or the Postman collection made from it,
/// without a running server; the same documents <c>GET /openapi/v1.json</c> and <c>GET /api/v1/postman-collection</c> serve.
/// </summary>
public static class OpenApiCommand
{
    public const string Usage = "Usage: rapport openapi [--out FILE] [--postman FILE] [--base-url URL] [--db ...]";
    public const string DefaultBaseUrl = "http://localhost:5000";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string> { "out", "postman", "base-url", "db" }, new HashSet<string>());
        if (parsed.Positionals.Count > 0) throw new UsageException($"Unexpected argument '{parsed.Positionals[0]}'. {Usage}");
        var baseUrl = parsed.Value("base-url") ?? DefaultBaseUrl;
        if (!PostmanApi.IsHttpUrl(baseUrl)) throw new UsageException($"--base-url must be an absolute http or https URL, not '{baseUrl}'.");
        baseUrl = baseUrl.TrimEnd('/');
        var outFile = parsed.Value("out");
        var postmanFile = parsed.Value("postman");
        if (outFile == "" || postmanFile == "") throw new UsageException("--out and --postman need a file name.");

        await using var services = await CliServices.StartAsync(DatabaseOption.Resolve(parsed), ct);
        var document = await CurrentOpenApiDocument.BuildAsync(services.GetRequiredService<SchemaRegistry>(), baseUrl, ct);
        if (postmanFile is not null)
        {
            await WriteAsync(postmanFile, PostmanCollectionBuilder.Build(document, baseUrl), ct);
            Console.Error.WriteLine($"Postman collection written to {postmanFile}");
        }
        if (outFile is not null)
        {
            await WriteAsync(outFile, document, ct);
            Console.Error.WriteLine($"OpenAPI document written to {outFile}");
        }
        else if (postmanFile is null)
        {
            Console.Out.WriteLine(document.ToJsonString(RecordJson.Options));
        }
        return 0;
    }

    /// <summary>Written beside the target and moved into place, so a failure never leaves half a file.</summary>
    private static async Task WriteAsync(string path, JsonObject json, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new IOException($"cannot write {path}: the folder {directory} does not exist.");
        await File.WriteAllTextAsync(full + ".part", json.ToJsonString(RecordJson.Options), ct);
        File.Move(full + ".part", full, overwrite: true);
    }
}
