using System.Text.Json.Nodes;

namespace Rapport.Domain.Patching;

/// <summary>JSON Merge Patch, RFC 7396: objects merge recursively, null removes, anything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target as JsonObject is { } t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null) { result.Remove(name); continue; }
            result.TryGetPropertyValue(name, out var current);
            result[name] = Apply(current, value);
        }
        return result;
    }
}
