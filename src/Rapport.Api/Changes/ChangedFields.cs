using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;

namespace Rapport.Api.Changes;

/// <summary>
/// The API names of the fields a write changed (<c>firstName</c>, <c>emails</c>, <c>custom.tier</c>,
/// <c>externalIds.erp</c>, <c>ownerId</c>): for a new record, the fields it has a value in.
/// JSON values are compared by value, since PostgreSQL hands jsonb back reformatted.
/// </summary>
public static class ChangedFields
{
    public static List<string> Between(ObjectDef def, Record? before, Record after)
    {
        var changed = new List<string>();
        for (var i = 0; i < def.Fields.Count; i++)
        {
            var value = after.Values[i];
            if (before is null ? value is not null : !SameValue(def.Fields[i].Kind, before.Values[i], value)) changed.Add(def.Fields[i].Name);
        }
        if (before is null || before.OwnerId != after.OwnerId) changed.Add(SystemFields.OwnerId);
        AddKeys(changed, SystemFields.ExternalIds, before?.ExternalIdsJson, after.ExternalIdsJson);
        AddKeys(changed, SystemFields.Custom, before?.CustomJson, after.CustomJson);
        return changed;
    }

    /// <summary>Whether two stored values of a field are the same value.</summary>
    public static bool SameValue(FieldKind kind, object? a, object? b) =>
        kind is FieldKind.Object or FieldKind.Array or FieldKind.MultiPicklist ? SameJson(a as string, b as string) : Equals(a, b);

    public static bool SameJson(string? a, string? b) =>
        a == b || (a is not null && b is not null && JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b)));

    /// <summary>Adds <c>prefix.key</c> for every key of a JSON object column whose value differs.</summary>
    private static void AddKeys(List<string> changed, string prefix, string? before, string after)
    {
        if (before == after || (string.IsNullOrEmpty(before) || before == "{}") && after == "{}") return;
        var old = Parse(before);
        var now = Parse(after);
        foreach (var (key, value) in now)
            if (!old.TryGetPropertyValue(key, out var was) || !JsonNode.DeepEquals(was, value)) changed.Add($"{prefix}.{key}");
        foreach (var (key, _) in old)
            if (!now.ContainsKey(key)) changed.Add($"{prefix}.{key}");
    }

    private static JsonObject Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonNode.Parse(json, documentOptions: new JsonDocumentOptions()) as JsonObject ?? [];
}
