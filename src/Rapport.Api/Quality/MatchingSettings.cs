using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Endpoints;
using Rapport.Api.Errors;
using Rapport.Integration.Dedupe;

namespace Rapport.Api.Quality;

/// <summary>
/// An object's matching configuration, over the defaults derived from its metadata: the threshold, per
/// feature a comparison kind (or <c>ignore</c>), extra fields to compare, and blocking rules replacing the
/// default ones (<c>"email"</c>, <c>"phonetic(lastName) &amp; initial(firstName)"</c>).
/// </summary>
public sealed record MatchingSettings(double? Threshold, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<string> Blocking)
{
    public const string Ignore = "ignore";

    public static readonly MatchingSettings Default = new(null, new Dictionary<string, string>(), []);

    /// <summary>Comparison kinds by their API name (camelCase of <see cref="MatchKind"/>).</summary>
    public static readonly IReadOnlyDictionary<string, MatchKind> Kinds =
        Enum.GetValues<MatchKind>().ToDictionary(k => JsonNamingPolicy.CamelCase.ConvertName(k.ToString()), k => k, StringComparer.Ordinal);

    public static MatchingSettings Parse(JsonObject body)
    {
        JsonBody.OnlyKnown(body, "threshold", "fields", "blocking");
        double? threshold = body["threshold"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<double>(out var t) && t is > 0 and < 1 => t,
            _ => throw ApiException.BadRequest("threshold", "must be a number between 0 and 1"),
        };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body["fields"] is JsonObject o)
            foreach (var (name, value) in o)
            {
                var kind = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
                if (kind is null || (kind != Ignore && !Kinds.ContainsKey(kind)))
                    throw ApiException.BadRequest($"fields.{name}", $"must be one of {string.Join(", ", Kinds.Keys)} or {Ignore}");
                fields[name] = kind;
            }
        else if (body["fields"] is not null) throw ApiException.BadRequest("fields", "must be an object {field: kind}");
        var blocking = new List<string>();
        if (body["blocking"] is JsonArray a)
            foreach (var (rule, i) in a.Select((r, i) => (r, i)))
            {
                var text = rule is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
                try { _ = BlockingRule.Parse(text ?? ""); }
                catch (FormatException e) { throw ApiException.BadRequest($"blocking[{i}]", e.Message); }
                blocking.Add(text!);
            }
        else if (body["blocking"] is not null) throw ApiException.BadRequest("blocking", "must be an array of rules such as \"email\" or \"phonetic(lastName) & initial(firstName)\"");
        return new MatchingSettings(threshold, fields, blocking);
    }

    public JsonObject ToJson() => new()
    {
        ["threshold"] = Threshold,
        ["fields"] = new JsonObject(Fields.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["blocking"] = new JsonArray([.. Blocking.Select(b => (JsonNode?)b)]),
    };
}
