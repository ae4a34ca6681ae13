using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Domain.Merging;

/// <summary>How a merge picks each field's value when the records disagree.</summary>
public enum SurvivorshipStrategy
{
    /// <summary>The survivor's value; a field it lacks comes from the most recently updated record that has one.</summary>
    Survivor,

    /// <summary>The value of the most recently updated record that has one.</summary>
    MostRecent,

    /// <summary>The value of the record with the most filled-in fields that has one.</summary>
    MostComplete,

    /// <summary>The value of the record known to the highest-ranked source system (by its external ids).</summary>
    SourcePriority,
}

/// <summary>A record taking part in a merge, in its API JSON form.</summary>
public sealed record MergeCandidate(Guid Id, JsonObject Record, DateTime UpdatedAt);

public sealed record SurvivorshipOptions(
    SurvivorshipStrategy Strategy,
    IReadOnlyList<string> SourcePriority,
    IReadOnlyDictionary<string, Guid> FieldChoices);

/// <param name="State">The survivor's new values of every mergeable field (null = empty), as a merge patch.</param>
/// <param name="Sources">For every field that ends up with a value: the record it came from.</param>
public sealed record SurvivorshipResult(JsonObject State, IReadOnlyDictionary<string, Guid> Sources);

/// <summary>
/// Decides the survivor's values in a merge of any number of records: per field, an explicit choice
/// wins, otherwise the strategy ranks the records and the first one holding a value gives it. Nested
/// objects (an address) move as a whole, never mixed from two records. Email and phone lists are
/// united, the survivor's primary item staying primary. External ids are united too; where two records
/// know the same system, the survivor keeps its own (the other id still leads to it, see the merge).
/// Pure: the import's <c>--on-duplicate merge</c> and the merge endpoint share it.
/// </summary>
public static class Survivorship
{
    public const string OwnerField = SystemFields.OwnerId;

    /// <summary>The names a field choice may use: standard writable fields, <c>ownerId</c> and <c>custom.NAME</c>.</summary>
    public static bool IsMergeable(ObjectSchema schema, string field) =>
        field == OwnerField
        || (field.StartsWith("custom.", StringComparison.Ordinal) && schema.Custom(field[7..]) is not null)
        || schema.Definition.Field(field) is { ReadOnly: false };

    public static SurvivorshipResult Resolve(ObjectSchema schema, MergeCandidate survivor, IReadOnlyList<MergeCandidate> merged, SurvivorshipOptions options)
    {
        var all = new List<MergeCandidate>(merged.Count + 1) { survivor };
        all.AddRange(merged);
        var ranked = Rank(schema, survivor, all, options);
        var byId = all.ToDictionary(c => c.Id);
        var state = new JsonObject();
        var sources = new Dictionary<string, Guid>(StringComparer.Ordinal);

        foreach (var field in schema.Definition.Fields)
        {
            if (field.ReadOnly) continue;
            var (value, from) = options.FieldChoices.TryGetValue(field.Name, out var chosen)
                ? (byId[chosen].Record[field.Name], chosen)
                : field is { Kind: FieldKind.Array, PrimaryProperty: not null }
                    ? Union(field, ranked, survivor)
                    : First(ranked, c => c.Record[field.Name]);
            state[field.Name] = value?.DeepClone();
            if (!IsEmpty(value)) sources[field.Name] = from;
        }

        var (owner, ownerFrom) = options.FieldChoices.TryGetValue(OwnerField, out var ownerChoice)
            ? (byId[ownerChoice].Record[OwnerField], ownerChoice)
            : (survivor.Record[OwnerField], survivor.Id);
        state[OwnerField] = owner?.DeepClone();
        if (!IsEmpty(owner)) sources[OwnerField] = ownerFrom;

        var custom = new JsonObject();
        foreach (var field in schema.CustomFields)
        {
            var key = "custom." + field.Name;
            var (value, from) = options.FieldChoices.TryGetValue(key, out var chosen)
                ? ((byId[chosen].Record[SystemFields.Custom] as JsonObject)?[field.Name], chosen)
                : First(ranked, c => (c.Record[SystemFields.Custom] as JsonObject)?[field.Name]);
            custom[field.Name] = IsEmpty(value) ? null : value!.DeepClone();
            if (!IsEmpty(value)) sources[key] = from;
        }
        state[SystemFields.Custom] = custom;
        state[SystemFields.ExternalIds] = ExternalIds(survivor, ranked);
        return new SurvivorshipResult(state, sources);
    }

    /// <summary>Whether a value counts as absent: null, an empty string, array or object.</summary>
    public static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        JsonArray a => a.Count == 0,
        JsonObject o => o.All(p => IsEmpty(p.Value)),
        _ => false,
    };

    private static List<MergeCandidate> Rank(ObjectSchema schema, MergeCandidate survivor, List<MergeCandidate> all, SurvivorshipOptions options)
    {
        // Ties always favour the survivor, then the most recent change.
        var recent = all.OrderByDescending(c => c.Id == survivor.Id).ThenByDescending(c => c.UpdatedAt).ToList();
        return options.Strategy switch
        {
            SurvivorshipStrategy.Survivor => recent,
            SurvivorshipStrategy.MostRecent => [.. all.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id == survivor.Id)],
            SurvivorshipStrategy.MostComplete => [.. recent.OrderByDescending(c => Completeness(schema, c.Record))],
            SurvivorshipStrategy.SourcePriority => [.. recent.OrderBy(c => SourceRank(c.Record, options.SourcePriority))],
            _ => recent,
        };
    }

    private static int Completeness(ObjectSchema schema, JsonObject record)
    {
        var n = schema.Definition.Fields.Count(f => !f.ReadOnly && !IsEmpty(record[f.Name]));
        if (record[SystemFields.Custom] is JsonObject custom) n += custom.Count(p => !IsEmpty(p.Value));
        return n;
    }

    private static int SourceRank(JsonObject record, IReadOnlyList<string> priority)
    {
        if (record[SystemFields.ExternalIds] is not JsonObject ids) return int.MaxValue;
        for (var i = 0; i < priority.Count; i++)
            if (ids.ContainsKey(priority[i])) return i;
        return int.MaxValue;
    }

    private static (JsonNode? Value, Guid From) First(List<MergeCandidate> ranked, Func<MergeCandidate, JsonNode?> pick)
    {
        foreach (var c in ranked)
        {
            var value = pick(c);
            if (!IsEmpty(value)) return (value, c.Id);
        }
        return (null, ranked[0].Id);
    }

    /// <summary>Emails or phones of every record, once each (compared without case and spacing), survivor's first.</summary>
    private static (JsonNode? Value, Guid From) Union(FieldDef field, List<MergeCandidate> ranked, MergeCandidate survivor)
    {
        var key = field.PrimaryProperty!;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = new JsonArray();
        var hasPrimary = false;
        foreach (var c in ranked.OrderByDescending(c => c.Id == survivor.Id))
        {
            if (c.Record[field.Name] is not JsonArray list) continue;
            foreach (var item in list.OfType<JsonObject>())
            {
                var value = item[key]?.ToString();
                if (string.IsNullOrWhiteSpace(value) || !seen.Add(new string(value.Where(ch => !char.IsWhiteSpace(ch)).ToArray()))) continue;
                if (items.Count == field.MaxItems) break;
                var copy = (JsonObject)item.DeepClone();
                var primary = copy["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True;
                if (primary && hasPrimary) copy["primary"] = false;
                hasPrimary |= primary;
                items.Add(copy);
            }
        }
        return (items.Count == 0 ? null : items, survivor.Id);
    }

    private static JsonObject ExternalIds(MergeCandidate survivor, List<MergeCandidate> ranked)
    {
        var ids = new JsonObject();
        foreach (var c in ranked.OrderByDescending(c => c.Id == survivor.Id))
        {
            if (c.Record[SystemFields.ExternalIds] is not JsonObject theirs) continue;
            foreach (var (system, value) in theirs)
                if (!ids.ContainsKey(system) && value is not null) ids[system] = value.DeepClone();
        }
        return ids;
    }
}
