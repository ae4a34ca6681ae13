using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Endpoints;
using Rapport.Api.Errors;
using Rapport.Api.Infrastructure;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Normalisation;
using Rapport.Domain.Records;

namespace Rapport.Api.Quality;

/// <summary>
/// Per-object data quality settings (the <c>quality_settings</c> table): normalisation rules now, the
/// trained duplicate-match model later. Read on every write, so cached; a change replaces the cache entry.
/// </summary>
public sealed class QualitySettings(Database db)
{
    private readonly ConcurrentDictionary<string, NormalisationSettings> _normalisation = new();
    private readonly ConcurrentDictionary<string, MatchingSettings> _matching = new();

    public async ValueTask<MatchingSettings> MatchingAsync(ObjectDef def, CancellationToken ct)
    {
        if (_matching.TryGetValue(def.Name, out var cached)) return cached;
        var json = await ReadAsync(def.Name, "matching", ct);
        var settings = json is null ? MatchingSettings.Default : MatchingSettings.Parse(JsonNode.Parse(json) as JsonObject ?? []);
        return _matching.GetOrAdd(def.Name, settings);
    }

    /// <summary>Stores settings already checked against the object's features (see <see cref="DuplicateService.CheckSettingsAsync"/>).</summary>
    public async Task SaveMatchingAsync(ObjectDef def, MatchingSettings settings, CancellationToken ct)
    {
        await WriteAsync(def.Name, "matching", settings.ToJson().ToJsonString(), ct);
        _matching[def.Name] = settings;
    }

    public async ValueTask<NormalisationSettings> NormalisationAsync(ObjectDef def, CancellationToken ct)
    {
        if (_normalisation.TryGetValue(def.Name, out var cached)) return cached;
        var json = await ReadAsync(def.Name, "normalisation", ct);
        var settings = json is null ? NormalisationSettings.Default : Parse(json, null);
        return _normalisation.GetOrAdd(def.Name, settings);
    }

    public async Task<NormalisationSettings> SaveNormalisationAsync(ObjectSchema schema, JsonObject body, CancellationToken ct)
    {
        var settings = Parse(body, schema);
        await WriteAsync(schema.Name, "normalisation", settings.ToJson().ToJsonString(), ct);
        _normalisation[schema.Name] = settings;
        return settings;
    }

    /// <summary>The match model a scan learned for these features (the signature), or null.</summary>
    public async Task<string?> MatchModelAsync(ObjectDef def, string signature, CancellationToken ct)
    {
        var json = await ReadAsync(def.Name, "match_model", ct);
        if (json is null || JsonNode.Parse(json) is not JsonObject stored || stored["signature"]?.GetValue<string>() != signature) return null;
        return stored["model"]?.ToJsonString();
    }

    public Task SaveMatchModelAsync(ObjectDef def, string signature, string modelJson, CancellationToken ct) =>
        WriteAsync(def.Name, "match_model", new JsonObject { ["signature"] = signature, ["model"] = JsonNode.Parse(modelJson) }.ToJsonString(), ct);

    /// <summary>Checks a settings body: known keys, a real country as default region, rules that exist on fields that exist.</summary>
    private static NormalisationSettings Parse(JsonObject body, ObjectSchema? schema)
    {
        JsonBody.OnlyKnown(body, "defaultRegion", "rules");
        string? region = null;
        if (body["defaultRegion"] is JsonValue r && r.GetValueKind() == JsonValueKind.String)
        {
            var country = Normaliser.Apply(NormalisationRule.Country, r.GetValue<string>());
            region = country.Value ?? throw ApiException.BadRequest("defaultRegion", country.Error ?? "must be a country");
        }
        else if (body["defaultRegion"] is not null) throw ApiException.BadRequest("defaultRegion", "must be a country code or name, or null");
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body["rules"] is JsonObject o)
            foreach (var (path, value) in o)
            {
                var name = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
                if (name is null || (name != NormalisationSettings.None && !NormalisationSettings.RuleNames.ContainsKey(name)))
                    throw ApiException.BadRequest($"rules.{path}", $"must be one of {string.Join(", ", NormalisationSettings.RuleNames.Keys)} or none");
                if (schema is not null && !IsTextField(schema, path))
                    throw ApiException.BadRequest($"rules.{path}", $"is not a text field of {schema.Name}");
                rules[path] = name;
            }
        else if (body["rules"] is not null) throw ApiException.BadRequest("rules", "must be an object {field: rule}");
        return new NormalisationSettings(region, rules);
    }

    private static bool IsTextField(ObjectSchema schema, string path)
    {
        var parts = path.Split('.');
        FieldDef? field = parts[0] == "custom" && parts.Length == 2 ? schema.Custom(parts[1]) : schema.Definition.Field(parts[0]);
        for (var i = 1; field is not null && parts[0] != "custom" && i < parts.Length; i++) field = field.Child(parts[i]);
        return field is not null && field.IsScalar && field.Kind is not (FieldKind.Integer or FieldKind.Decimal or FieldKind.Money or FieldKind.Boolean
            or FieldKind.Date or FieldKind.DateTime or FieldKind.Reference);
    }

    private async Task<string?> ReadAsync(string objectName, string column, CancellationToken ct)
    {
        await using var s = await db.ReadAsync(ct);
        var p = new ParameterList();
        var value = await s.Command($"SELECT {column} FROM quality_settings WHERE object = {p.Add(s.Dialect, ColumnType.Text, objectName)}", p).ExecuteScalarAsync(ct);
        return value is string text ? text : null;
    }

    private static NormalisationSettings Parse(string json, ObjectSchema? schema) =>
        Parse(JsonNode.Parse(json) as JsonObject ?? [], schema);

    private Task WriteAsync(string objectName, string column, string json, CancellationToken ct) =>
        db.WriteAsync(async (s, c) =>
        {
            var d = s.Dialect;
            var p = new ParameterList();
            var sql = $"INSERT INTO quality_settings (object, {column}, updated_at) VALUES ({p.Add(d, ColumnType.Text, objectName)}, {p.Add(d, ColumnType.Json, json)}, {p.Add(d, ColumnType.Timestamp, Timestamps.Now())}) " +
                      $"ON CONFLICT (object) DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at";
            await s.Command(sql, p).ExecuteNonQueryAsync(c);
            return 0;
        }, ct);
}
