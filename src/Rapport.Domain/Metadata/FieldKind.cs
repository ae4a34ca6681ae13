namespace Rapport.Domain.Metadata;

/// <summary>
/// The value types a field can hold. Every interface (JSON, XML, CSV, OpenAPI, filters) derives its
/// behaviour from the kind, so a new field needs no code of its own.
/// </summary>
public enum FieldKind
{
    Text,
    Email,
    Phone,
    Url,
    Integer,
    Decimal,
    Money,
    Date,
    DateTime,
    Boolean,
    Picklist,
    MultiPicklist,
    Reference,
    CurrencyCode,
    CountryCode,
    Object,
    Array,
}
