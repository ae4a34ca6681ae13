using Rapport.Domain.Records;

namespace Rapport.Domain.Validation;

/// <summary>The typed, checked state a write wants to store; references still need a database check.</summary>
public sealed class ValidatedRecord
{
    public required object?[] Values { get; init; }
    public required string CustomJson { get; init; }
    public required SortedDictionary<string, string> ExternalIds { get; init; }
    public Guid? OwnerId { get; init; }
    public required IReadOnlyList<ReferenceCheck> References { get; init; }
    public required Dictionary<string, string?> Derived { get; init; }

    /// <summary>Custom field name → canonical value text, for fields marked unique.</summary>
    public required IReadOnlyDictionary<string, string> UniqueCustomValues { get; init; }

    public void CopyTo(Record record)
    {
        Values.CopyTo(record.Values, 0);
        record.CustomJson = CustomJson;
        record.ExternalIdsJson = System.Text.Json.JsonSerializer.Serialize(ExternalIds, RecordJson.Options);
        record.Derived.Clear();
        foreach (var (k, v) in Derived) record.Derived[k] = v;
        if (OwnerId is { } owner) record.OwnerId = owner;
    }
}
