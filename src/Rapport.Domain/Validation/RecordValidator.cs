using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Domain.Validation;

/// <summary>
/// Checks the full desired state of a record (a create body, or the current record with a merge
/// patch applied) against its schema: unknown fields, types, lengths, formats, picklists, required
/// fields and defaults. One validator for every write path.
/// </summary>
public static class RecordValidator
{
    public static ValidatedRecord Validate(ObjectSchema schema, JsonObject state, bool isCreate, JsonObject? patch = null)
    {
        var errors = new ValidationErrors();
        var references = new List<ReferenceCheck>();
        var converter = new ValueConverter(schema, errors, references);
        var def = schema.Definition;

        foreach (var (name, _) in state)
        {
            if (def.IndexOf(name) < 0 && !SystemFields.IsSystem(name))
                errors.Add(name, "is not a known field of " + def.Name);
        }

        var values = new object?[def.Fields.Count];
        var derived = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < def.Fields.Count; i++)
        {
            var field = def.Fields[i];
            if (field.ReadOnly) continue;
            var present = state.TryGetPropertyValue(field.Name, out var raw);
            if (!present && isCreate && field.Default is not null) raw = field.Default.DeepClone();
            if (!converter.TryConvert(field, raw, field.Name, state, out var value)) continue;
            if (value is null && field.Required) errors.Add(field.Name, "is required");
            values[i] = value is JsonNode node ? node.ToJsonString(Records.RecordJson.Options) : value;
            if (field.PrimaryColumn is not null) derived[field.PrimaryColumn] = PrimaryValue(value as JsonArray, field.PrimaryProperty!, field.Kind);
        }

        var owner = ReadOwner(state, errors, references);
        var externalIds = ReadExternalIds(state, errors);
        var (customJson, uniques) = ReadCustom(schema, state, patch, isCreate, converter, errors);

        if (errors.Any) throw new ValidationException(errors.ToDictionary());
        return new ValidatedRecord
        {
            Values = values,
            CustomJson = customJson,
            ExternalIds = externalIds,
            OwnerId = owner,
            References = references,
            Derived = derived,
            UniqueCustomValues = uniques,
        };
    }

    private static string? PrimaryValue(JsonArray? items, string property, FieldKind _)
    {
        if (items is null) return null;
        foreach (var item in items)
        {
            if (item?["primary"]?.GetValue<bool>() == true)
            {
                var v = item[property]?.GetValue<string>();
                return property == "address" ? v?.ToLowerInvariant() : v;
            }
        }
        return null;
    }

    private static Guid? ReadOwner(JsonObject state, ValidationErrors errors, List<ReferenceCheck> references)
    {
        if (!state.TryGetPropertyValue(SystemFields.OwnerId, out var node) || node is null) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var id))
        {
            references.Add(new ReferenceCheck(SystemFields.OwnerId, "users", id));
            return id;
        }
        errors.Add(SystemFields.OwnerId, "must be a user id (UUID)");
        return null;
    }

    private static SortedDictionary<string, string> ReadExternalIds(JsonObject state, ValidationErrors errors)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!state.TryGetPropertyValue(SystemFields.ExternalIds, out var node) || node is null) return result;
        if (node is not JsonObject obj) { errors.Add(SystemFields.ExternalIds, "must be an object of system name → id"); return result; }
        if (obj.Count > 20) errors.Add(SystemFields.ExternalIds, "must have at most 20 systems");
        foreach (var (system, value) in obj)
        {
            var path = $"{SystemFields.ExternalIds}.{system}";
            if (!FieldFormats.IsExternalSystemName(system)) { errors.Add(path, "system names start with a letter and use letters, digits, '_', '.', '-' (at most 64)"); continue; }
            if (value is null) continue;
            if (value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number)) { errors.Add(path, "must be a string"); continue; }
            var text = v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim() : v.ToJsonString();
            if (text.Length is 0 or > 255) { errors.Add(path, "must be 1 to 255 characters"); continue; }
            result[system] = text;
        }
        return result;
    }

    private static (string Json, IReadOnlyDictionary<string, string> Uniques) ReadCustom(
        ObjectSchema schema, JsonObject state, JsonObject? patch, bool isCreate, ValueConverter converter, ValidationErrors errors)
    {
        var uniques = new Dictionary<string, string>(StringComparer.Ordinal);
        state.TryGetPropertyValue(SystemFields.Custom, out var node);
        if (node is not null and not JsonObject) { errors.Add(SystemFields.Custom, "must be an object of custom field name → value"); return ("{}", uniques); }
        var input = node as JsonObject ?? [];
        var patchCustom = patch?[SystemFields.Custom] as JsonObject;
        foreach (var (name, _) in input)
        {
            if (schema.Custom(name) is null) errors.Add($"{SystemFields.Custom}.{name}", "is not a defined custom field of " + schema.Name);
        }
        var output = new JsonObject();
        foreach (var field in schema.CustomFields)
        {
            var path = $"{SystemFields.Custom}.{field.Name}";
            var present = input.TryGetPropertyValue(field.Name, out var raw);
            if (!present && isCreate && field.Default is not null) raw = field.Default.DeepClone();
            if (!converter.TryConvert(field, raw, path, input, out var value)) continue;
            if (value is null)
            {
                var customNulled = patch is not null && patch.TryGetPropertyValue(SystemFields.Custom, out var whole) && whole is null;
                var explicitlyCleared = customNulled || (patchCustom is not null && patchCustom.ContainsKey(field.Name));
                if (field.Required && (isCreate || explicitlyCleared)) errors.Add(path, "is required");
                continue;
            }
            var canonical = ValueConverter.ToNode(value)!;
            output[field.Name] = canonical;
            if (field.Unique) uniques[field.Name] = canonical is JsonValue cv && cv.GetValueKind() == JsonValueKind.String ? cv.GetValue<string>() : canonical.ToJsonString();
        }
        return (output.ToJsonString(Records.RecordJson.Options), uniques);
    }
}
