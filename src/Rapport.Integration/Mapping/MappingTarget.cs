using Rapport.Domain.Metadata;

namespace Rapport.Integration.Mapping;

/// <summary>A resolved target: where a value goes in the body (or which relation it keys) and how it is typed.</summary>
internal sealed class MappingTarget
{
    public required TargetKind Kind { get; init; }

    /// <summary>The canonical path (<c>address.city</c>, <c>custom.tier</c>, <c>email</c>, <c>account.domain</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The kind the text is converted to.</summary>
    public FieldKind ValueKind { get; init; } = FieldKind.Text;

    /// <summary>The object property of the body that holds the value (address, custom, externalIds); null for the body itself.</summary>
    public string? Container { get; init; }

    /// <summary>The property name inside <see cref="Container"/> (for a whole object: the object's name; for a primary item: the item property).</summary>
    public required string Name { get; init; }

    /// <summary>The field definition: the value's field, or the array for <see cref="TargetKind.WholeArray"/> and <see cref="TargetKind.PrimaryItem"/>.</summary>
    public FieldDef? Field { get; init; }

    /// <summary>For <see cref="TargetKind.Relation"/>: the reference field set from the lookup (accountId).</summary>
    public string? RelationField { get; init; }

    public string? TargetObject { get; init; }
    public string? KeyPath { get; init; }

    /// <summary>For a polymorphic reference (activities' relatedId): the picklist naming the object (relatedObject).</summary>
    public string? ObjectField { get; init; }

    /// <summary>Whether match_on may name this target: a top-level scalar, a primary item, custom.x or externalIds.x.</summary>
    public bool CanMatchOn =>
        Kind == TargetKind.PrimaryItem ||
        (Kind == TargetKind.Value && ValueKind is not (FieldKind.MultiPicklist or FieldKind.Boolean) &&
         (Container is null or SystemFields.Custom or SystemFields.ExternalIds));

    public string Describe() => Kind switch
    {
        TargetKind.Value => "a " + ValueKind.ToString().ToLowerInvariant() + " field",
        TargetKind.WholeObject => "an object",
        TargetKind.WholeArray => "an array",
        TargetKind.PrimaryItem => "the primary " + Path,
        _ => "a relation key",
    };

    public override string ToString() => $"{Path} ({Kind}, {ValueKind})";
}
