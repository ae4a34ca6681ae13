using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Domain.Normalisation;

/// <summary>One value a write path changed before storing it, for the record's audit.</summary>
public sealed record FieldNormalisation(string Field, string From, string? To, string Rule, string? Note);

/// <summary>
/// Applies the normalisation rules to a record body (a create body or a merge patch) before it is
/// validated, on every write path. Rules come from the field's kind and name, overridden per field by
/// <see cref="NormalisationSettings"/>. A rule that cannot make sense of a value leaves it as written:
/// validation then decides, with its own message, whether the value is acceptable at all.
/// </summary>
public static class RecordNormaliser
{
    /// <param name="state">The stored record (for a patch), to find the country of phone numbers and postcodes.</param>
    public static List<FieldNormalisation>? Apply(ObjectSchema schema, NormalisationSettings settings, JsonObject body, JsonObject? state = null)
    {
        List<FieldNormalisation>? changes = null;
        var country = RecordCountry(schema.Definition, body) ?? (state is null ? null : RecordCountry(schema.Definition, state));
        var context = new NormaliseContext(settings.DefaultRegion, country);
        foreach (var field in schema.Definition.Fields)
        {
            if (field.ReadOnly || !body.TryGetPropertyValue(field.Name, out var value) || value is null) continue;
            switch (field.Kind)
            {
                case FieldKind.Object when value is JsonObject o && field.Children is { } children:
                    var own = o["country"] is JsonValue c && c.GetValueKind() == JsonValueKind.String ? c.GetValue<string>() : null;
                    var inner = own is null ? context : context with { Country = own };
                    foreach (var child in children)
                        Scalar(settings, child, $"{field.Name}.{child.Name}", $"{field.Name}.{child.Name}", o, child.Name, inner, ref changes);
                    break;
                case FieldKind.Array when value is JsonArray a && field.Children is { } items:
                    for (var i = 0; i < a.Count; i++)
                        if (a[i] is JsonObject item)
                            foreach (var child in items)
                                Scalar(settings, child, $"{field.Name}.{child.Name}", $"{field.Name}[{i}].{child.Name}", item, child.Name, context, ref changes);
                    break;
                default:
                    Scalar(settings, field, field.Name, field.Name, body, field.Name, context, ref changes, schema.Definition);
                    break;
            }
        }
        if (body[SystemFields.Custom] is JsonObject custom)
            foreach (var field in schema.CustomFields)
                Scalar(settings, field, "custom." + field.Name, "custom." + field.Name, custom, field.Name, context, ref changes);
        return changes;
    }

    /// <summary>The rule a field gets when the settings say nothing about it.</summary>
    public static NormalisationRule? DefaultRule(FieldDef field, string path, ObjectDef? owner = null) => field.Kind switch
    {
        FieldKind.Email => NormalisationRule.Email,
        FieldKind.Phone => NormalisationRule.Phone,
        FieldKind.Url => NormalisationRule.Website,
        FieldKind.CountryCode => NormalisationRule.Country,
        FieldKind.Text when field.Name is "firstName" or "lastName" => NormalisationRule.PersonName,
        FieldKind.Text when field.Name == "domain" && owner == StandardObjects.Accounts => NormalisationRule.Domain,
        FieldKind.Text when field.Name == "postalCode" && path.Contains('.') => NormalisationRule.Postcode,
        // Single-line text only: a description or a note keeps its line breaks and spacing.
        FieldKind.Text when field.MaxLength <= 255 => NormalisationRule.Whitespace,
        _ => null,
    };

    private static void Scalar(NormalisationSettings settings, FieldDef field, string path, string auditPath, JsonObject parent, string key,
        in NormaliseContext context, ref List<FieldNormalisation>? changes, ObjectDef? owner = null)
    {
        if (parent[key] is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return;
        NormalisationRule? rule = settings.Rules.TryGetValue(path, out var configured)
            ? configured == NormalisationSettings.None ? null : NormalisationSettings.RuleNames[configured]
            : DefaultRule(field, path, owner);
        if (rule is not { } r) return;
        var input = v.GetValue<string>();
        var result = Normaliser.Apply(r, input, context);
        if (!result.IsValid || !result.Changed(input)) return;
        parent[key] = result.Value;
        (changes ??= []).Add(new FieldNormalisation(auditPath, input, result.Value, NormalisationSettings.NameOf(r), result.Note));
    }

    private static string? RecordCountry(ObjectDef def, JsonObject body)
    {
        var address = def == StandardObjects.Accounts ? "billingAddress" : def == StandardObjects.Orders ? "shippingAddress" : "address";
        return body[address] is JsonObject o && o["country"] is JsonValue c && c.GetValueKind() == JsonValueKind.String ? c.GetValue<string>() : null;
    }
}
