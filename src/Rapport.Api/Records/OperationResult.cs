using System.Text.Json.Nodes;
using Rapport.Integration.Formats;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;

namespace Rapport.Api.Records;

/// <summary>What a record operation produced, independent of how it is sent (HTTP response or batch entry).</summary>
public sealed class OperationResult
{
    public int Status { get; init; }
    public ObjectSchema? Schema { get; init; }
    public Record? Record { get; init; }
    public IReadOnlyList<Record>? Records { get; init; }

    /// <summary>A page already in API JSON (UTF-8), one document per record, built by the database.</summary>
    public IReadOnlyList<byte[]>? Documents { get; init; }
    public string? NextCursor { get; init; }
    public IReadOnlySet<string>? Fields { get; init; }
    public string? Location { get; init; }
    public string? ETag { get; init; }

    /// <summary>A payload that is not a live record (a replayed idempotent response, a conversion result).</summary>
    public JsonNode? Node { get; init; }

    public static OperationResult Of(int status, ObjectSchema schema, Record record, string? location = null) =>
        new() { Status = status, Schema = schema, Record = record, Location = location, ETag = $"\"{record.Version}\"" };

    public JsonNode? ToJson()
    {
        if (Record is not null) return RecordJsonWriter.ToNode(Schema!, Record, Fields);
        if (Records is not null)
            return new JsonObject
            {
                ["data"] = new JsonArray(Records.Select(r => (JsonNode?)RecordJsonWriter.ToNode(Schema!, r, Fields)).ToArray()),
                ["nextCursor"] = NextCursor,
            };
        if (Documents is not null)
            return new JsonObject
            {
                ["data"] = new JsonArray(Documents.Select(d => JsonNode.Parse(d)).ToArray()),
                ["nextCursor"] = NextCursor,
            };
        return Node?.DeepClone();
    }
}
