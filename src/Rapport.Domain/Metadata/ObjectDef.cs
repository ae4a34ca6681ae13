using System.Collections.Frozen;

namespace Rapport.Domain.Metadata;

/// <summary>
/// A CRM object (contacts, accounts, ...): its API name, its table and its standard fields.
/// Custom fields are added at runtime through <see cref="ObjectSchema"/>.
/// </summary>
public sealed class ObjectDef
{
    private readonly FrozenDictionary<string, int> _index;

    public ObjectDef(string name, string singular, string label, string table, IReadOnlyList<FieldDef> fields)
    {
        Name = name;
        Singular = singular;
        Label = label;
        Table = table;
        Fields = fields;
        _index = fields.Select((f, i) => (f.Name, i)).ToFrozenDictionary(p => p.Name, p => p.i);
    }

    /// <summary>The plural API name, as in <c>/api/v1/contacts</c>.</summary>
    public string Name { get; }

    /// <summary>The singular, used for XML elements and event types (<c>contact</c>).</summary>
    public string Singular { get; }

    public string Label { get; }
    public string Table { get; }
    public IReadOnlyList<FieldDef> Fields { get; }

    public int IndexOf(string field) => _index.TryGetValue(field, out var i) ? i : -1;

    public FieldDef? Field(string name) => _index.TryGetValue(name, out var i) ? Fields[i] : null;

    public override string ToString() => Name;
}
