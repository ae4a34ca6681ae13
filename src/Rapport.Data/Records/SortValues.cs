using System.Text.Json;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;
using Rapport.Domain.Records;

namespace Rapport.Data.Records;

/// <summary>Reads a record's value for each sort key, to build the cursor of the next page.</summary>
public static class SortValues
{
    public static string?[] Of(Record record, ObjectDef def, IReadOnlyList<SortKey> keys)
    {
        var result = new string?[keys.Count];
        for (var i = 0; i < keys.Count; i++) result[i] = QueryValues.ToText(ValueOf(record, def, keys[i].Field));
        return result;
    }

    private static object? ValueOf(Record record, ObjectDef def, FieldRef field)
    {
        switch (field.Path)
        {
            case SystemFields.Id: return record.Id;
            case SystemFields.CreatedAt: return record.CreatedAt;
            case SystemFields.UpdatedAt: return record.UpdatedAt;
            case SystemFields.Version: return record.Version;
            case SystemFields.OwnerId: return record.OwnerId;
        }
        if (field.Location == FieldLocation.Column)
        {
            if (record.Derived.TryGetValue(field.Column, out var derived)) return derived;
            var index = def.Fields.ToList().FindIndex(f => f.Column == field.Column);
            return index < 0 ? null : record.Values[index];
        }
        var json = field.Column == "custom" ? record.CustomJson : record.Values[def.Fields.ToList().FindIndex(f => f.Column == field.Column)] as string;
        if (json is null) return null;
        using var doc = JsonDocument.Parse(json);
        var element = doc.RootElement;
        foreach (var segment in field.JsonPath)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element)) return null;
        }
        return element.ValueKind switch
        {
            JsonValueKind.String => QueryValues.TryParse(field.Kind, element.GetString()!, out var v) ? v : element.GetString(),
            JsonValueKind.Number => field.Kind == FieldKind.Integer ? element.GetInt64() : element.GetDecimal(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }
}
