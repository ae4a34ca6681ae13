using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Domain.Reference;

namespace Rapport.Domain.Validation;

/// <summary>
/// Turns one JSON value into the typed value of a field, or records why it cannot.
/// Nested objects and arrays come back as canonical JSON nodes.
/// </summary>
public sealed class ValueConverter(ObjectSchema schema, ValidationErrors errors, List<ReferenceCheck> references)
{
    private const decimal MaxMoney = 999_999_999_999_999m;

    /// <summary>Converts a value; returns false (after recording an error) when it is invalid. A null result means "no value".</summary>
    public bool TryConvert(FieldDef field, JsonNode? node, string path, JsonObject? parent, out object? value)
    {
        value = null;
        if (node is null) return true;
        switch (field.Kind)
        {
            case FieldKind.Object:
                if (node is not JsonObject obj) return Fail(path, "must be an object");
                var nested = ConvertObject(field, obj, path);
                value = nested is { Count: > 0 } ? nested : null;
                return nested is not null;
            case FieldKind.Array:
                return TryConvertArray(field, node, path, out value);
            case FieldKind.MultiPicklist:
                return TryConvertMulti(field, node, path, out value);
        }
        if (node is not JsonValue jv) return Fail(path, $"must be {Describe(field)}");
        return TryConvertScalar(field, jv, path, parent, out value);
    }

    private bool TryConvertScalar(FieldDef field, JsonValue jv, string path, JsonObject? parent, out object? value)
    {
        value = null;
        var kind = jv.GetValueKind();
        if (field.Kind == FieldKind.Boolean)
        {
            if (kind is JsonValueKind.True or JsonValueKind.False) { value = kind == JsonValueKind.True; return true; }
            return Fail(path, "must be true or false");
        }
        if (field.Kind is FieldKind.Integer or FieldKind.Decimal or FieldKind.Money)
            return TryConvertNumber(field, jv, kind, path, out value);
        if (kind != JsonValueKind.String) return Fail(path, $"must be {Describe(field)}");
        var text = jv.GetValue<string>().Trim();
        if (text.Length == 0) return true;
        switch (field.Kind)
        {
            case FieldKind.Text:
                if (text.Length > field.MaxLength) return Fail(path, $"must be at most {field.MaxLength} characters");
                if (field.Pattern is not null && !MatchesPattern(field.Pattern, text)) return Fail(path, $"must match the pattern {field.Pattern}");
                value = text;
                return true;
            case FieldKind.Email:
                var email = FieldFormats.NormalizeEmail(text);
                if (email is null) return Fail(path, "must be a valid email address");
                value = email;
                return true;
            case FieldKind.Phone:
                var phone = FieldFormats.NormalizePhone(text);
                if (phone is null) return Fail(path, "must be a phone number (digits, spaces, + - ( ) . /; 3 to 17 digits)");
                value = phone;
                return true;
            case FieldKind.Url:
                if (text.Length > field.MaxLength) return Fail(path, $"must be at most {field.MaxLength} characters");
                var url = FieldFormats.NormalizeUrl(text);
                if (url is null) return Fail(path, "must be an http or https URL");
                value = url;
                return true;
            case FieldKind.Date:
                if (!Timestamps.TryParseDate(text, out var date)) return Fail(path, "must be a date in the form yyyy-MM-dd");
                value = date;
                return true;
            case FieldKind.DateTime:
                if (!Timestamps.TryParseInstant(text, out var instant))
                    return Fail(path, "must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T09:30:00Z");
                value = instant;
                return true;
            case FieldKind.Picklist:
                var option = MatchOption(schema.OptionsOf(field), text);
                if (option is null) return Fail(path, $"must be one of: {string.Join(", ", schema.OptionsOf(field) ?? [])}");
                value = option;
                return true;
            case FieldKind.CurrencyCode:
                var currency = text.ToUpperInvariant();
                if (!CurrencyCodes.IsValid(currency)) return Fail(path, "must be an ISO 4217 currency code, e.g. EUR");
                value = currency;
                return true;
            case FieldKind.CountryCode:
                var country = text.ToUpperInvariant();
                if (!CountryCodes.IsValid(country)) return Fail(path, "must be an ISO 3166-1 alpha-2 country code, e.g. DE");
                value = country;
                return true;
            case FieldKind.Reference:
                if (!Guid.TryParse(text, out var id) || text.Length != 36) return Fail(path, "must be a record id (UUID)");
                var target = ResolveTarget(field, parent);
                if (target is null) return Fail(path, "needs the object it refers to");
                references.Add(new ReferenceCheck(path, target, id));
                value = id;
                return true;
            default:
                return Fail(path, $"must be {Describe(field)}");
        }
    }

    private bool TryConvertNumber(FieldDef field, JsonValue jv, JsonValueKind kind, string path, out object? value)
    {
        value = null;
        decimal number;
        if (kind == JsonValueKind.Number)
        {
            if (!jv.TryGetValue(out number) &&
                !decimal.TryParse(jv.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return Fail(path, "is out of range");
        }
        else if (kind == JsonValueKind.String && field.Kind != FieldKind.Integer &&
                 decimal.TryParse(jv.GetValue<string>(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)) { }
        else return Fail(path, $"must be {Describe(field)}");
        if (field.Kind == FieldKind.Integer)
        {
            if (number != decimal.Truncate(number)) return Fail(path, "must be a whole number");
            if (number is > long.MaxValue or < long.MinValue) return Fail(path, "is out of range");
        }
        if (Math.Abs(number) > MaxMoney) return Fail(path, "is out of range");
        if (field.Min is { } min && number < min) return Fail(path, $"must be at least {min.ToString(CultureInfo.InvariantCulture)}");
        if (field.Max is { } max && number > max) return Fail(path, $"must be at most {max.ToString(CultureInfo.InvariantCulture)}");
        if (field.Kind == FieldKind.Money && number.Scale > 6) return Fail(path, "must have at most 6 decimal places");
        value = field.Kind == FieldKind.Integer ? (object)(long)number : Normalize(number);
        return true;
    }

    private bool TryConvertArray(FieldDef field, JsonNode node, string path, out object? value)
    {
        value = null;
        if (node is not JsonArray arr) return Fail(path, "must be an array");
        if (arr.Count > field.MaxItems) return Fail(path, $"must have at most {field.MaxItems} items");
        var result = new JsonArray();
        var ok = true;
        for (var i = 0; i < arr.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (arr[i] is not JsonObject item) { ok = Fail(itemPath, "must be an object"); continue; }
            var converted = ConvertObject(field, item, itemPath);
            if (converted is null) { ok = false; continue; }
            result.Add(converted);
        }
        if (!ok) return false;
        if (field.PrimaryProperty is not null && !ApplyPrimary(field, result, path)) return false;
        value = result.Count > 0 ? result : null;
        return true;
    }

    private bool ApplyPrimary(FieldDef field, JsonArray items, string path)
    {
        var primaries = items.Count(i => i!["primary"]?.GetValue<bool>() == true);
        if (primaries > 1) return Fail(path, "must have at most one primary item");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var item = (JsonObject)items[i]!;
            var key = item[field.PrimaryProperty!]?.GetValue<string>() ?? "";
            if (!seen.Add(key)) return Fail($"{path}[{i}].{field.PrimaryProperty}", "is listed twice");
            if (primaries == 0 && i == 0) item["primary"] = true;
            else if (item["primary"] is null) item["primary"] = false;
        }
        return true;
    }

    private bool TryConvertMulti(FieldDef field, JsonNode node, string path, out object? value)
    {
        value = null;
        if (node is not JsonArray arr) return Fail(path, "must be an array of option values");
        var result = new JsonArray();
        foreach (var item in arr)
        {
            var option = item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? MatchOption(field.Options, v.GetValue<string>()) : null;
            if (option is null) return Fail(path, $"values must be among: {string.Join(", ", field.Options ?? [])}");
            if (!result.Any(r => r!.GetValue<string>() == option)) result.Add(option);
        }
        value = result.Count > 0 ? result : null;
        return true;
    }

    /// <summary>Validates a nested object against its sub-fields; null when it has errors.</summary>
    public JsonObject? ConvertObject(FieldDef parent, JsonObject input, string path)
    {
        var children = parent.Children!;
        var output = new JsonObject();
        var ok = true;
        foreach (var (name, _) in input)
        {
            if (parent.Child(name) is null) ok = Fail($"{path}.{name}", "is not a known field");
        }
        foreach (var child in children)
        {
            var childPath = $"{path}.{child.Name}";
            if (child.ReadOnly) continue;
            input.TryGetPropertyValue(child.Name, out var raw);
            if (!TryConvert(child, raw, childPath, input, out var v)) { ok = false; continue; }
            if (v is null)
            {
                if (child.Required) ok = Fail(childPath, "is required");
                continue;
            }
            output[child.Name] = ToNode(v);
        }
        if (ok) ComputeLineTotal(parent, output);
        return ok ? output : null;
    }

    private static void ComputeLineTotal(FieldDef parent, JsonObject line)
    {
        if (parent.Child("total") is null || line["quantity"] is null || line["unitPrice"] is null) return;
        var quantity = line["quantity"]!.GetValue<decimal>();
        var price = line["unitPrice"]!.GetValue<decimal>();
        var discount = line["discount"]?.GetValue<decimal>() ?? 0m;
        line["total"] = Normalize(Math.Round(quantity * price * (1 - discount / 100m), 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>The shortest exact form of a decimal (10.50 → 10.5), so equal amounts are written alike.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode n => n,
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        decimal d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        Guid g => JsonValue.Create(g.ToString()),
        DateOnly d => JsonValue.Create(Timestamps.ToText(d)),
        DateTime t => JsonValue.Create(Timestamps.ToText(t)),
        _ => throw new InvalidOperationException($"Unexpected value type {value.GetType()}"),
    };

    private string? ResolveTarget(FieldDef field, JsonObject? parent)
    {
        if (field.Target is null || !field.Target.StartsWith('@')) return field.Target;
        var sibling = parent?[field.Target[1..]];
        if (sibling is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return null;
        var text = v.GetValue<string>().Trim();
        var siblingField = schema.Definition.Field(field.Target[1..]);
        var options = siblingField is not null ? schema.OptionsOf(siblingField) : null;
        return MatchOption(options ?? ["contacts", "leads", "users"], text) ?? text;
    }

    private static string? MatchOption(IReadOnlyList<string>? options, string text)
    {
        if (options is null) return null;
        foreach (var o in options)
            if (string.Equals(o, text.Trim(), StringComparison.OrdinalIgnoreCase)) return o;
        return null;
    }

    private static bool MatchesPattern(string pattern, string text)
    {
        try { return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50)); }
        catch (RegexMatchTimeoutException) { return false; }
    }

    private static string Describe(FieldDef field) => field.Kind switch
    {
        FieldKind.Integer => "a whole number",
        FieldKind.Decimal or FieldKind.Money => "a number",
        FieldKind.Boolean => "true or false",
        FieldKind.Object => "an object",
        FieldKind.Array or FieldKind.MultiPicklist => "an array",
        _ => "a string",
    };

    private bool Fail(string path, string message)
    {
        errors.Add(path, message);
        return false;
    }
}
