using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Errors;
using Rapport.Domain.Validation;

namespace Rapport.Api.Endpoints;

/// <summary>Typed reads of small non-record bodies (users, pipeline, members) with errors naming the field.</summary>
internal static class JsonBody
{
    /// <summary>Refuses (400) a body with keys outside <paramref name="allowed"/>, naming each one and what is accepted.</summary>
    public static void OnlyKnown(JsonObject body, params string[] allowed)
    {
        var unknown = body.Select(p => p.Key).Where(k => !allowed.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ValidationException(unknown.ToDictionary(k => k, _ => new[] { $"is not a known field (known: {string.Join(", ", allowed)})" }));
    }

    public static string? Text(JsonObject body, string name, bool required, int max = 255)
    {
        var node = body[name];
        if (node is null) return required ? throw ApiException.BadRequest(name, "is required") : null;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) throw ApiException.BadRequest(name, "must be a string");
        var s = v.GetValue<string>().Trim();
        if (s.Length == 0 && required) throw ApiException.BadRequest(name, "is required");
        if (s.Length > max) throw ApiException.BadRequest(name, $"must be at most {max} characters");
        return s;
    }

    public static bool? Bool(JsonObject body, string name)
    {
        var node = body[name];
        if (node is null) return null;
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        throw ApiException.BadRequest(name, "must be true or false");
    }

    public static int? Int(JsonObject body, string name, int min, int max)
    {
        var node = body[name];
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<int>(out var i) && i >= min && i <= max) return i;
        throw ApiException.BadRequest(name, $"must be a whole number from {min} to {max}");
    }

    public static string? Option(JsonObject body, string name, IReadOnlyList<string> options, bool required)
    {
        var text = Text(body, name, required);
        if (text is null) return null;
        return options.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.BadRequest(name, $"must be one of: {string.Join(", ", options)}");
    }
}
