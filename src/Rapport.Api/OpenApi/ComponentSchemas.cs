using System.Text.Json.Nodes;

namespace Rapport.Api.OpenApi;

/// <summary>
/// The <c>components.schemas</c> being built. Nested shapes register here so that one shape gets
/// one name (every address is <c>Address</c>, order lines reuse <c>LineItem</c>) and SDK generators
/// produce one type per shape instead of one per field.
/// </summary>
internal sealed class ComponentSchemas
{
    private readonly JsonObject _schemas = [];
    private readonly Dictionary<string, string> _nameByShape = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);

    public JsonObject Schemas => _schemas;

    /// <summary>Keeps names that fixed schemas will take later (Contact, ContactList) away from nested shapes.</summary>
    public void Reserve(string name) => _reserved.Add(name);

    /// <summary>Adds a schema under a fixed name, which must not be taken.</summary>
    public void Add(string name, JsonObject schema)
    {
        if (_schemas.ContainsKey(name)) throw new InvalidOperationException($"The schema component '{name}' is defined twice.");
        _schemas[name] = schema;
    }

    /// <summary>
    /// Registers a nested shape and returns its component name: the name of an identical shape
    /// registered before, else <paramref name="preferred"/>, else <paramref name="owner"/> + preferred.
    /// </summary>
    public string Register(string preferred, JsonObject schema, string owner)
    {
        var shape = schema.ToJsonString();
        if (_nameByShape.TryGetValue(shape, out var existing)) return existing;
        var name = preferred;
        if (Taken(name)) name = owner + preferred;
        for (var i = 2; Taken(name); i++) name = owner + preferred + i;
        _schemas[name] = schema;
        _nameByShape[shape] = name;
        return name;
    }

    private bool Taken(string name) => _schemas.ContainsKey(name) || _reserved.Contains(name);
}
