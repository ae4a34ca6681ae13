using System.Text;
using Rapport.Domain.Metadata;
using Rapport.Domain.Validation;

namespace Rapport.Integration.Mapping;

/// <summary>
/// Every path a column or a mapping entry can name for one object, read from the catalogue and the
/// custom fields: names and labels compare without case, spaces, '_' and '-' ("First Name", first_name,
/// FIRSTNAME → firstName); dots separate levels (address.city, custom.tier, externalIds.erp); a
/// reference field xxxId makes xxx.&lt;key&gt; a relation (account.domain), polymorphic references one per
/// object they may point to (contact.email on activities).
/// </summary>
internal sealed class TargetCatalog
{
    private readonly Dictionary<string, MappingTarget> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Relation> _relations = new(StringComparer.Ordinal);

    public TargetCatalog(ObjectSchema schema)
    {
        Schema = schema;
        var def = schema.Definition;
        AddSystem(SystemFields.Id, FieldKind.Text);
        AddSystem(SystemFields.OwnerId, FieldKind.Text);
        AddSystem(SystemFields.CreatedAt, FieldKind.Text);
        AddSystem(SystemFields.UpdatedAt, FieldKind.Text);
        AddSystem(SystemFields.Version, FieldKind.Integer);
        foreach (var field in def.Fields)
        {
            MappingTarget target;
            switch (field.Kind)
            {
                case FieldKind.Object:
                    target = new MappingTarget { Kind = TargetKind.WholeObject, Path = field.Name, Name = field.Name, Field = field, ValueKind = FieldKind.Object };
                    foreach (var child in field.Children ?? [])
                        Add(Normalize(field.Name) + "." + Normalize(child.Name), new MappingTarget
                        {
                            Kind = TargetKind.Value, Path = $"{field.Name}.{child.Name}", Container = field.Name, Name = child.Name,
                            Field = child, ValueKind = child.Kind,
                        });
                    break;
                case FieldKind.Array:
                    target = new MappingTarget { Kind = TargetKind.WholeArray, Path = field.Name, Name = field.Name, Field = field, ValueKind = FieldKind.Array };
                    break;
                default:
                    target = new MappingTarget { Kind = TargetKind.Value, Path = field.Name, Name = field.Name, Field = field, ValueKind = field.Kind };
                    break;
            }
            Add(Normalize(field.Name), target);
            if (field.Label is { } label) Add(Normalize(label), target);
        }
        Add(Normalize(SystemFields.Custom), new MappingTarget
        {
            Kind = TargetKind.WholeObject, Path = SystemFields.Custom, Name = SystemFields.Custom, ValueKind = FieldKind.Object,
        });
        Add(Normalize(SystemFields.ExternalIds), new MappingTarget
        {
            Kind = TargetKind.WholeObject, Path = SystemFields.ExternalIds, Name = SystemFields.ExternalIds, ValueKind = FieldKind.Object,
        });
        foreach (var field in def.Fields)
        {
            if (field is not { Kind: FieldKind.Array, PrimaryProperty: { } property }) continue;
            var item = field.Child(property);
            var name = field.ItemName ?? field.Name;
            Add(Normalize(name), new MappingTarget
            {
                Kind = TargetKind.PrimaryItem, Path = name, Name = property, Field = field, ValueKind = item?.Kind ?? FieldKind.Text,
            });
        }
        foreach (var custom in schema.CustomFields)
        {
            var target = new MappingTarget
            {
                Kind = TargetKind.Value, Path = $"{SystemFields.Custom}.{custom.Name}", Container = SystemFields.Custom, Name = custom.Name,
                Field = custom, ValueKind = custom.Kind,
            };
            Add(Normalize(SystemFields.Custom) + "." + Normalize(custom.Name), target);
            Add(Normalize(custom.Name), target);
            if (custom.Label is { } label) Add(Normalize(label), target);
        }
        AddRelations(schema);
    }

    public ObjectSchema Schema { get; }

    /// <summary>The target a column header or a mapping path names; null when it names nothing.</summary>
    public MappingTarget? Resolve(string path)
    {
        var text = path.Trim();
        if (text.Length == 0) return null;
        if (_exact.TryGetValue(Normalize(text), out var target)) return target;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1) return null;
        var head = Normalize(text[..dot]);
        var rest = text[(dot + 1)..].Trim();
        if (head == "externalids")
        {
            if (!FieldFormats.IsExternalSystemName(rest)) return null;
            return new MappingTarget
            {
                Kind = TargetKind.Value, Path = $"{SystemFields.ExternalIds}.{rest}", Container = SystemFields.ExternalIds, Name = rest,
            };
        }
        if (!_relations.TryGetValue(head, out var relation)) return null;
        var key = ResolveKey(relation.TargetObject, rest);
        if (key is null) return null;
        return new MappingTarget
        {
            Kind = TargetKind.Relation, Path = $"{relation.Prefix}.{key}", Name = key, RelationField = relation.Field,
            TargetObject = relation.TargetObject, KeyPath = key, ObjectField = relation.ObjectField,
        };
    }

    /// <summary>Why <paramref name="path"/> names nothing, with what it could have named.</summary>
    public string Explain(string path)
    {
        var name = Schema.Name;
        var text = path.Trim();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var head = Normalize(text[..dot]);
            if (head == Normalize(SystemFields.Custom))
                return Schema.CustomFields.Count == 0
                    ? $"'{text}' is not a field: {name} has no custom fields"
                    : $"'{text}' is not a custom field of {name} (custom fields: {string.Join(", ", Schema.CustomFields.Select(f => f.Name))})";
            if (head == "externalids")
                return $"'{text[(dot + 1)..]}' is not a valid external system name (a letter, then letters, digits, '_', '.', '-')";
            if (_exact.TryGetValue(head, out var parent) && parent.Field?.Kind == FieldKind.Object)
                return $"'{text}' is not a field of {name}: {parent.Path} has {string.Join(", ", parent.Field.Children!.Select(c => c.Name))}";
            if (_relations.TryGetValue(head, out var relation))
                return $"'{text[(dot + 1)..]}' is not a field of {relation.TargetObject} to look up {relation.Prefix} by (use id, externalIds.<system> or a field such as name)";
        }
        return $"'{text}' is not a field of {name} (fields: {string.Join(", ", Schema.Definition.Fields.Where(f => !f.ReadOnly).Select(f => f.Name))})";
    }

    /// <summary>Lower case without spaces, '_' and '-', dots kept: the form names and labels are compared in.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ' ' or '_' or '-' or '\t') continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private void AddSystem(string name, FieldKind kind) =>
        Add(Normalize(name), new MappingTarget { Kind = TargetKind.Value, Path = name, Name = name, ValueKind = kind });

    private void Add(string key, MappingTarget target) => _exact.TryAdd(key, target);

    private void AddRelations(ObjectSchema schema)
    {
        var def = schema.Definition;
        var polymorphic = new List<FieldDef>();
        foreach (var field in def.Fields)
        {
            if (field.Kind != FieldKind.Reference || field.ReadOnly || field.Target is null) continue;
            if (field.Target.StartsWith('@')) { polymorphic.Add(field); continue; }
            if (field.Name.Length <= 2 || !field.Name.EndsWith("Id", StringComparison.Ordinal)) continue;
            var prefix = field.Name[..^2];
            _relations.TryAdd(Normalize(prefix), new Relation(prefix, field.Name, field.Target, null));
        }
        _relations.TryAdd("owner", new Relation("owner", SystemFields.OwnerId, "users", null));
        foreach (var field in polymorphic)
        {
            var objectField = field.Target![1..];
            var picker = def.Field(objectField);
            var options = picker is null ? null : schema.OptionsOf(picker);
            foreach (var option in options ?? [])
            {
                var prefix = StandardObjects.Find(option)?.Singular ?? option;
                _relations.TryAdd(Normalize(prefix), new Relation(prefix, field.Name, option, objectField));
            }
        }
    }

    /// <summary>The canonical key path of <paramref name="targetObject"/> that <paramref name="key"/> names, or null.</summary>
    private static string? ResolveKey(string targetObject, string key)
    {
        var normalized = Normalize(key);
        if (normalized == "id") return SystemFields.Id;
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var head = Normalize(key[..dot]);
            var rest = key[(dot + 1)..].Trim();
            if (head == "externalids") return FieldFormats.IsExternalSystemName(rest) ? $"{SystemFields.ExternalIds}.{rest}" : null;
            if (head == "custom") return FieldFormats.IsFieldName(rest) ? $"{SystemFields.Custom}.{rest}" : null;
            return null;
        }
        if (targetObject == "users")
            return normalized switch { "email" => "email", "name" => "name", _ => null };
        var def = StandardObjects.Find(targetObject);
        if (def is null) return FieldFormats.IsFieldName(key) ? key : null;
        foreach (var field in def.Fields)
        {
            if (Normalize(field.Name) == normalized && field.IsScalar) return field.Name;
            if (field is { Kind: FieldKind.Array, PrimaryProperty: not null } && Normalize(field.ItemName ?? field.Name) == normalized)
                return field.ItemName ?? field.Name;
        }
        return null;
    }

    private sealed record Relation(string Prefix, string Field, string TargetObject, string? ObjectField);
}
