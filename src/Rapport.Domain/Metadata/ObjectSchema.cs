using System.Collections.Frozen;

namespace Rapport.Domain.Metadata;

/// <summary>
/// An object as it is right now: its standard definition plus the custom fields defined at runtime
/// and any runtime value sets (the opportunity pipeline). Immutable; a metadata change builds a new one.
/// </summary>
public sealed class ObjectSchema
{
    private readonly FrozenDictionary<string, FieldDef> _custom;

    public ObjectSchema(ObjectDef definition, IReadOnlyList<FieldDef> customFields, IReadOnlyDictionary<string, IReadOnlyList<string>>? dynamicOptions = null)
    {
        Definition = definition;
        CustomFields = customFields;
        _custom = customFields.ToFrozenDictionary(f => f.Name);
        DynamicOptions = dynamicOptions ?? FrozenDictionary<string, IReadOnlyList<string>>.Empty;
    }

    public ObjectDef Definition { get; }
    public string Name => Definition.Name;
    public IReadOnlyList<FieldDef> CustomFields { get; }

    /// <summary>Picklist values that come from configuration rather than the catalogue (opportunity stages).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DynamicOptions { get; }

    public FieldDef? Custom(string name) => _custom.GetValueOrDefault(name);

    public IReadOnlyList<string>? OptionsOf(FieldDef field) =>
        DynamicOptions.TryGetValue(field.Name, out var dynamicOptions) ? dynamicOptions : field.Options;
}
