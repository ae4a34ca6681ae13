using Rapport.Domain.Metadata;

namespace Rapport.Domain.Querying;

public enum FieldLocation
{
    /// <summary>A table column (standard scalar fields and system fields).</summary>
    Column,

    /// <summary>A value inside a JSON column: a nested field (<c>billingAddress.city</c>) or a custom field.</summary>
    Json,

    /// <summary>An id in another system, looked up through the external id index.</summary>
    ExternalId,
}

/// <summary>A field named in a filter or sort, resolved against the schema.</summary>
public sealed record FieldRef(string Path, FieldKind Kind, FieldLocation Location, string Column, IReadOnlyList<string> JsonPath)
{
    public bool IsNumeric => Kind is FieldKind.Integer or FieldKind.Decimal or FieldKind.Money;
}
