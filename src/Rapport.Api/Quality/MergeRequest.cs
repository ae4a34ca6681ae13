using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Endpoints;
using Rapport.Api.Errors;
using Rapport.Domain.Merging;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Quality;

/// <summary>
/// The body of <c>POST /api/v1/{object}/merge</c> (contract §6): <c>survivorId</c>, <c>mergedIds</c>,
/// <c>fieldChoices</c> {field: recordId}, and beyond the contract <c>strategy</c>
/// (survivor | mostRecent | mostComplete | sourcePriority), <c>sourcePriority</c> [system, ...] and
/// <c>versions</c> {recordId: version} to refuse a merge when someone changed a record meanwhile.
/// </summary>
public sealed record MergeRequest(Guid SurvivorId, IReadOnlyList<Guid> MergedIds, SurvivorshipOptions Options, IReadOnlyDictionary<Guid, long> Versions)
{
    /// <summary>Enough for any real duplicate cluster, small enough for one transaction.</summary>
    public const int MaxMerged = 100;

    private static readonly string[] Known = ["survivorId", "mergedIds", "fieldChoices", "strategy", "sourcePriority", "versions"];

    public static MergeRequest Parse(ObjectSchema schema, JsonObject body)
    {
        JsonBody.OnlyKnown(body, Known);
        var survivor = Id(body["survivorId"], "survivorId");
        if (body["mergedIds"] is not JsonArray list || list.Count == 0)
            throw ApiException.BadRequest("mergedIds", "must be a non-empty array of record ids");
        if (list.Count > MaxMerged) throw ApiException.BadRequest("mergedIds", $"at most {MaxMerged} records per merge");
        var merged = list.Select((n, i) => Id(n, $"mergedIds[{i}]")).ToList();
        if (merged.Contains(survivor)) throw ApiException.BadRequest("mergedIds", "must not contain the survivor");
        if (merged.Distinct().Count() != merged.Count) throw ApiException.BadRequest("mergedIds", "names a record twice");

        var all = merged.Append(survivor).ToHashSet();
        var choices = new Dictionary<string, Guid>(StringComparer.Ordinal);
        if (body["fieldChoices"] is { } fc)
        {
            if (fc is not JsonObject o) throw ApiException.BadRequest("fieldChoices", "must be an object {field: recordId}");
            foreach (var (field, value) in o)
            {
                if (!Survivorship.IsMergeable(schema, field))
                    throw ApiException.BadRequest($"fieldChoices.{field}", $"is not a field of {schema.Name} that a merge can choose");
                var id = Id(value, $"fieldChoices.{field}");
                if (!all.Contains(id)) throw ApiException.BadRequest($"fieldChoices.{field}", "must be the survivor or one of the merged records");
                choices[field] = id;
            }
        }

        var strategy = body["strategy"] switch
        {
            null => SurvivorshipStrategy.Survivor,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() switch
            {
                "survivor" => SurvivorshipStrategy.Survivor,
                "mostRecent" => SurvivorshipStrategy.MostRecent,
                "mostComplete" => SurvivorshipStrategy.MostComplete,
                "sourcePriority" => SurvivorshipStrategy.SourcePriority,
                var other => throw ApiException.BadRequest("strategy", $"'{other}' is not one of survivor, mostRecent, mostComplete, sourcePriority"),
            },
            _ => throw ApiException.BadRequest("strategy", "must be a string"),
        };
        var priority = body["sourcePriority"] switch
        {
            null => [],
            JsonArray a when a.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String) => a.Select(n => n!.GetValue<string>()).ToList(),
            _ => throw ApiException.BadRequest("sourcePriority", "must be an array of external-id system names"),
        };
        if (strategy == SurvivorshipStrategy.SourcePriority && priority.Count == 0)
            throw ApiException.BadRequest("sourcePriority", "is needed with the strategy sourcePriority");

        var versions = new Dictionary<Guid, long>();
        if (body["versions"] is { } vs)
        {
            if (vs is not JsonObject o) throw ApiException.BadRequest("versions", "must be an object {recordId: version}");
            foreach (var (key, value) in o)
            {
                if (!Guid.TryParse(key, out var id) || !all.Contains(id)) throw ApiException.BadRequest($"versions.{key}", "must be the id of a record in the merge");
                if (value is not JsonValue n || !n.TryGetValue<long>(out var version)) throw ApiException.BadRequest($"versions.{key}", "must be an integer version");
                versions[id] = version;
            }
        }
        return new MergeRequest(survivor, merged, new SurvivorshipOptions(strategy, priority, choices), versions);
    }

    private static Guid Id(JsonNode? node, string field) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var id)
            ? id
            : throw ApiException.BadRequest(field, "must be a record id (UUID string)");
}
