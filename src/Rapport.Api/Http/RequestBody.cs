using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Errors;
using Rapport.Integration.Formats;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Http;

/// <summary>Reads a request body as JSON, or as XML turned into the same JSON, with clear 400/413/415 errors.</summary>
public static class RequestBody
{
    public const int MaxBytes = 5 * 1024 * 1024;

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false };

    public static async Task<JsonObject> ReadRecordAsync(HttpRequest request, ObjectSchema schema, CancellationToken ct)
    {
        var format = Format(request);
        var bytes = await ReadBytesAsync(request, ct);
        if (format == MediaFormat.Xml) return XmlRecordReader.Read(new MemoryStream(bytes), schema);
        return Parse(bytes) as JsonObject ?? throw ApiException.BadRequest("body", "must be a JSON object");
    }

    public static async Task<JsonNode?> ReadAnyAsync(HttpRequest request, CancellationToken ct)
    {
        var format = Format(request);
        var bytes = await ReadBytesAsync(request, ct);
        return format == MediaFormat.Xml ? XmlRecordReader.ReadGeneric(new MemoryStream(bytes)) : Parse(bytes);
    }

    /// <summary>A body that must be one JSON (or XML) object: the options of a call that is not a record write.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct) =>
        await ReadAnyAsync(request, ct) as JsonObject ?? throw ApiException.BadRequest("body", "must be an object");

    /// <summary>Like <see cref="ReadObjectAsync"/>, for calls whose options may be left out entirely: no body reads as <c>{}</c>.</summary>
    public static async Task<JsonObject> ReadOptionalObjectAsync(HttpRequest request, CancellationToken ct) =>
        request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null) ? [] : await ReadObjectAsync(request, ct);

    public static JsonNode? Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) throw ApiException.BadRequest("body", "is empty; send a JSON object");
        try
        {
            var node = JsonNode.Parse(bytes, NodeOptions, DocumentOptions);
            Materialize(node);
            return node;
        }
        catch (ArgumentException)
        {
            throw ApiException.BadRequest("body", "is not valid JSON: a property name appears twice in one object");
        }
        catch (JsonException e) when (e.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiException.BadRequest("body", "is not valid JSON: a property name appears twice in one object");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            throw ApiException.BadRequest("body", $"is not valid JSON{where}");
        }
    }

    /// <summary>Builds every object eagerly so a malformed document fails here, not later inside a service.</summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o: foreach (var (_, v) in o) Materialize(v); break;
            case JsonArray a: foreach (var v in a) Materialize(v); break;
        }
    }

    private static MediaFormat Format(HttpRequest request) =>
        Negotiation.OfBody(request) ?? throw new ApiException(415, "Unsupported Media Type",
            $"Content-Type '{request.ContentType}' is not accepted; send application/json or application/xml.");

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ApiException TooLarge() => new(413, "Payload Too Large", $"The body must be at most {MaxBytes / 1024 / 1024} MB.");
}
