namespace Rapport.Domain.Records;

/// <summary>
/// A stored record in its typed form. <see cref="Values"/> is aligned with the object's standard
/// fields: scalars as CLR values (string, long, decimal, DateOnly, DateTime UTC, bool, Guid) and
/// nested objects and arrays as canonical JSON text, so reads can stream them without re-parsing.
/// </summary>
public sealed class Record
{
    public Guid Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public long Version { get; set; }
    public Guid OwnerId { get; set; }
    public string ExternalIdsJson { get; set; } = "{}";
    public string CustomJson { get; set; } = "{}";
    public required object?[] Values { get; init; }

    /// <summary>What the write path's normalisation changed in this write (not stored with the record; it goes to the audit).</summary>
    public IReadOnlyList<Normalisation.FieldNormalisation>? Normalisations { get; set; }

    /// <summary>Values of derived columns (primary email and phone), keyed by column name.</summary>
    public Dictionary<string, string?> Derived { get; } = new(StringComparer.Ordinal);

    /// <summary>A copy to change while this one still tells what the record was.</summary>
    public Record Copy()
    {
        var copy = new Record
        {
            Id = Id, CreatedAt = CreatedAt, UpdatedAt = UpdatedAt, DeletedAt = DeletedAt, Version = Version, OwnerId = OwnerId,
            ExternalIdsJson = ExternalIdsJson, CustomJson = CustomJson, Values = (object?[])Values.Clone(),
        };
        foreach (var (k, v) in Derived) copy.Derived[k] = v;
        return copy;
    }
}
