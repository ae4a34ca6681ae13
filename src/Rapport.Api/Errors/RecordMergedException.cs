using System.Text.Json.Nodes;

namespace Rapport.Api.Errors;

/// <summary>
/// The record was merged into another one. A GET answers 301 with the survivor's location; other
/// calls answer 410 Gone. Both bodies name the survivor and the merge (which can be undone).
/// </summary>
public sealed class RecordMergedException(string objectName, string singular, Guid id, Guid survivorId, Guid mergeId)
    : Exception($"{char.ToUpperInvariant(singular[0])}{singular[1..]} {id} was merged into {survivorId}; use that record, or undo merge {mergeId}.")
{
    public string ObjectName { get; } = objectName;
    public Guid SurvivorId { get; } = survivorId;
    public Guid MergeId { get; } = mergeId;

    public JsonObject Extensions() => new()
    {
        ["mergedInto"] = SurvivorId.ToString(),
        ["mergeId"] = MergeId.ToString(),
        ["location"] = $"/api/v1/{ObjectName}/{SurvivorId}",
    };
}
