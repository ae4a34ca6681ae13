namespace Rapport.Domain.Metadata;

/// <summary>
/// One field of an object, a nested object or an array item. Standard fields carry a database
/// <see cref="Column"/>; nested fields and custom fields do not (they live inside JSON).
/// </summary>
public sealed class FieldDef
{
    public required string Name { get; init; }
    public required FieldKind Kind { get; init; }
    public string? Label { get; init; }
    public string? Column { get; init; }
    public int MaxLength { get; init; } = 255;
    public bool Required { get; init; }
    public bool ReadOnly { get; init; }
    public bool Unique { get; init; }
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>For <see cref="FieldKind.Reference"/>: the object the id points to (plural API name).</summary>
    public string? Target { get; init; }

    /// <summary>For <see cref="FieldKind.Object"/> and the items of <see cref="FieldKind.Array"/>.</summary>
    public IReadOnlyList<FieldDef>? Children { get; init; }

    /// <summary>For arrays: the element name of one item in XML (emails → email).</summary>
    public string? ItemName { get; init; }

    public int MaxItems { get; init; } = 100;
    public string? Pattern { get; init; }
    public System.Text.Json.Nodes.JsonNode? Default { get; init; }
    public bool Searchable { get; init; }
    public bool IsCustom { get; init; }

    /// <summary>
    /// For arrays of emails or phones: the database column that holds the primary item's value,
    /// so integrators can look records up by it through an index.
    /// </summary>
    public string? PrimaryColumn { get; init; }

    /// <summary>For arrays with a primary column: the item property whose value is indexed.</summary>
    public string? PrimaryProperty { get; init; }

    public decimal? Min { get; init; }
    public decimal? Max { get; init; }

    public bool IsScalar => Kind is not (FieldKind.Object or FieldKind.Array or FieldKind.MultiPicklist);

    public bool IsNumeric => Kind is FieldKind.Integer or FieldKind.Decimal or FieldKind.Money;

    public FieldDef? Child(string name)
    {
        if (Children is null) return null;
        foreach (var c in Children)
            if (c.Name == name) return c;
        return null;
    }

    public override string ToString() => $"{Name}:{Kind}";
}
