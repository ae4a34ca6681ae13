using System.Globalization;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Domain.Validation;

namespace Rapport.Domain.Querying;

/// <summary>Typed values from their text form in query strings and cursors, and back.</summary>
public static class QueryValues
{
    public static bool TryParse(FieldKind kind, string text, out object? value)
    {
        value = null;
        switch (kind)
        {
            case FieldKind.Integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return false;
                value = l; return true;
            case FieldKind.Decimal or FieldKind.Money:
                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return false;
                value = d; return true;
            case FieldKind.Date:
                if (!Timestamps.TryParseDate(text, out var date)) return false;
                value = date; return true;
            case FieldKind.DateTime:
                if (Timestamps.TryParseInstant(text, out var instant)) { value = instant; return true; }
                if (!Timestamps.TryParseDate(text, out var day)) return false;
                value = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); return true;
            case FieldKind.Boolean:
                if (text is "true" or "1") { value = true; return true; }
                if (text is "false" or "0") { value = false; return true; }
                return false;
            case FieldKind.Reference:
                if (!Guid.TryParse(text, out var g)) return false;
                value = g; return true;
            case FieldKind.Email:
                value = text.Trim().ToLowerInvariant(); return true;
            case FieldKind.Phone:
                value = FieldFormats.NormalizePhone(text) ?? text.Trim(); return true;
            default:
                value = text; return true;
        }
    }

    public static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Guid g => g.ToString(),
        DateOnly d => Timestamps.ToText(d),
        DateTime t => Timestamps.ToText(t),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public static string Describe(FieldKind kind) => kind switch
    {
        FieldKind.Integer => "a whole number",
        FieldKind.Decimal or FieldKind.Money => "a number",
        FieldKind.Date => "a date (yyyy-MM-dd)",
        FieldKind.DateTime => "an ISO 8601 date-time with a time zone, or a date",
        FieldKind.Boolean => "true or false",
        FieldKind.Reference => "a record id (UUID)",
        _ => "text",
    };
}
