using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Domain.Records;

namespace Rapport.Api.Bulk;

/// <summary>One reason a row was rejected: the field (or file column) at fault and why.</summary>
public sealed record RowReason(string? Column, string? Field, string Message);

/// <summary>
/// A rejected source row: its line, every reason, and the original cell values, so the row can be
/// shown, fixed and imported again (see <see cref="ErrorReport"/>).
/// </summary>
public sealed record RowError(long Line, IReadOnlyList<RowReason> Reasons, IReadOnlyList<KeyValuePair<string, string?>> Original)
{
    public string ReasonsJson()
    {
        var array = new JsonArray();
        foreach (var r in Reasons) array.Add(new JsonObject { ["column"] = r.Column, ["field"] = r.Field, ["message"] = r.Message });
        return array.ToJsonString(RecordJson.Options);
    }

    /// <summary>The original values as a JSON array of [column, value] pairs: order and duplicates survive.</summary>
    public string OriginalJson()
    {
        var array = new JsonArray();
        foreach (var (column, value) in Original) array.Add(new JsonArray(column, value));
        return array.ToJsonString(RecordJson.Options);
    }

    public static RowError FromStored(long line, string reasonsJson, string originalJson)
    {
        var reasons = new List<RowReason>();
        foreach (var item in JsonNode.Parse(reasonsJson)!.AsArray())
            reasons.Add(new RowReason((string?)item!["column"], (string?)item["field"], (string?)item["message"] ?? ""));
        var original = new List<KeyValuePair<string, string?>>();
        foreach (var pair in JsonNode.Parse(originalJson)!.AsArray())
        {
            var items = pair!.AsArray();
            original.Add(new((string?)items[0] ?? "", items[1]?.GetValueKind() == JsonValueKind.String ? (string?)items[1] : items[1]?.ToJsonString()));
        }
        return new RowError(line, reasons, original);
    }

    /// <summary>One line of text for a person: "email: is not a valid email address; accountId: no account with domain 'x'".</summary>
    public string Summary() => string.Join("; ", Reasons.Select(r => (r.Field ?? r.Column) is { } at ? $"{at}: {r.Message}" : r.Message));
}
