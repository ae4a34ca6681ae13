using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Integration.Dedupe;

namespace Rapport.Api.Quality;

/// <summary>One value the matcher compares: its kind, where it lives in the table (column or JSON path) and in API JSON.</summary>
public sealed record MatchFeature(MatchField Field, string Column, IReadOnlyList<string> JsonPath, string[] ApiPath);

/// <summary>
/// The features an object's records are matched on, derived from its metadata: names, emails, phones,
/// address parts, dates and identifiers of the standard fields, every matchable custom field (by its
/// type), and one feature per external-id system in use. The same list reads stored rows (one SELECT of
/// just these values, JSON taken apart by the database) and incoming API records (duplicates/check).
/// </summary>
public sealed class MatchFeatures
{
    private MatchFeatures(ObjectDef def, List<MatchFeature> features)
    {
        Object = def;
        Features = features;
        Fields = [.. features.Select(f => f.Field)];
    }

    public ObjectDef Object { get; }
    public IReadOnlyList<MatchFeature> Features { get; }
    public IReadOnlyList<MatchField> Fields { get; }

    /// <summary>A text that changes when the features change, so a stored model is only reused for the same features.</summary>
    public string Signature => string.Join(",", Fields.Select(f => $"{f.Name}:{f.Kind}"));

    /// <param name="settings">The object's matching settings: kinds changed or ignored, extra fields added.</param>
    /// <exception cref="ArgumentException">A setting names a field the object does not have.</exception>
    public static MatchFeatures For(ObjectSchema schema, IEnumerable<string> externalSystems, MatchingSettings? settings = null)
    {
        var def = schema.Definition;
        var list = new List<MatchFeature>();
        void Add(string name, MatchKind kind, string column, params string[] jsonPath) =>
            list.Add(new MatchFeature(new MatchField(name, kind), column, jsonPath, name.Split('.')));

        foreach (var field in def.Fields)
        {
            if (field.ReadOnly || field.Column is null) continue;
            switch (field.Kind)
            {
                case FieldKind.Text when field.Name is "firstName" or "lastName":
                    Add(field.Name, MatchKind.Name, field.Column);
                    break;
                case FieldKind.Text when field.Name is "company" || (field.Name == "name" && def == StandardObjects.Accounts):
                    Add(field.Name, MatchKind.CompanyName, field.Column);
                    break;
                case FieldKind.Text when field.Name == "domain":
                case FieldKind.Url:
                    Add(field.Name, MatchKind.Domain, field.Column);
                    break;
                case FieldKind.Text when field.Unique:
                    Add(field.Name, MatchKind.Identifier, field.Column);
                    break;
                case FieldKind.Text when field.Searchable:
                    Add(field.Name, MatchKind.Text, field.Column);
                    break;
                case FieldKind.Email:
                    Add(field.Name, MatchKind.Email, field.Column);
                    break;
                case FieldKind.Phone:
                    Add(field.Name, MatchKind.Phone, field.Column);
                    break;
                case FieldKind.Date:
                    Add(field.Name, MatchKind.Date, field.Column);
                    break;
                case FieldKind.Reference when field.Target is not null && !field.Target.StartsWith('@'):
                    Add(field.Name, MatchKind.Exact, field.Column);
                    break;
                case FieldKind.Array when field.PrimaryColumn is { } primary:
                    // The primary email or phone, which the table keeps in its own column.
                    var kind = field.Children?.FirstOrDefault(c => c.Name == field.PrimaryProperty)?.Kind == FieldKind.Phone ? MatchKind.Phone : MatchKind.Email;
                    list.Add(new MatchFeature(new MatchField(primary, kind), primary, [], [field.Name, "0", field.PrimaryProperty!]));
                    break;
                case FieldKind.Object when field.Children is { } children && children.Any(c => c.Name == "street"):
                    Add($"{field.Name}.street", MatchKind.Street, field.Column, "street");
                    Add($"{field.Name}.line2", MatchKind.Text, field.Column, "line2");
                    Add($"{field.Name}.city", MatchKind.Text, field.Column, "city");
                    Add($"{field.Name}.postalCode", MatchKind.Postcode, field.Column, "postalCode");
                    Add($"{field.Name}.region", MatchKind.Text, field.Column, "region");
                    Add($"{field.Name}.country", MatchKind.Exact, field.Column, "country");
                    break;
            }
        }
        foreach (var field in schema.CustomFields)
        {
            MatchKind? kind = field.Kind switch
            {
                FieldKind.Text => MatchKind.Text,
                FieldKind.Date => MatchKind.Date,
                FieldKind.Integer or FieldKind.Decimal or FieldKind.Money => MatchKind.Number,
                FieldKind.Email => MatchKind.Email,
                FieldKind.Phone => MatchKind.Phone,
                FieldKind.Url => MatchKind.Domain,
                FieldKind.Picklist or FieldKind.Reference => MatchKind.Exact,
                _ => null,
            };
            if (kind is { } k) Add("custom." + field.Name, k, "custom", field.Name);
        }
        foreach (var system in externalSystems.Order(StringComparer.Ordinal))
            Add("externalIds." + system, MatchKind.ExternalId, "external_ids", system);
        if (settings is not null) Configure(schema, list, settings);
        if (list.Count > MatchConfig.MaxFields) list.RemoveRange(MatchConfig.MaxFields, list.Count - MatchConfig.MaxFields);
        return new MatchFeatures(def, list);
    }

    private static void Configure(ObjectSchema schema, List<MatchFeature> list, MatchingSettings settings)
    {
        foreach (var (name, kindName) in settings.Fields)
        {
            var at = list.FindIndex(f => f.Field.Name == name);
            if (kindName == MatchingSettings.Ignore)
            {
                if (at >= 0) list.RemoveAt(at);
                continue;
            }
            var kind = MatchingSettings.Kinds[kindName];
            if (at >= 0) { list[at] = list[at] with { Field = new MatchField(name, kind) }; continue; }
            var parts = name.Split('.');
            var def = schema.Definition;
            MatchFeature? added = parts switch
            {
                ["custom", var custom] when schema.Custom(custom) is not null => new(new MatchField(name, kind), "custom", [custom], parts),
                [var field] when def.Field(field) is { Column: { } column, IsScalar: true } => new(new MatchField(name, kind), column, [], parts),
                [var field, var child] when def.Field(field) is { Kind: FieldKind.Object, Column: { } column } f && f.Child(child) is not null =>
                    new(new MatchField(name, kind), column, [child], parts),
                _ => null,
            };
            list.Add(added ?? throw new ArgumentException($"fields.{name}: {schema.Name} has no field '{name}' that can be compared."));
        }
    }

    /// <summary>The SELECT of every live record's id and features, each as text.</summary>
    public string SelectSql(SqlDialect d, string? where = null)
    {
        var columns = Features.Select(f => $"CAST({(f.JsonPath.Count == 0 ? f.Column : d.JsonText(f.Column, f.JsonPath))} AS TEXT)");
        return $"SELECT id, {string.Join(", ", columns)} FROM {Object.Table} WHERE deleted_at IS NULL{(where is null ? "" : " AND " + where)}";
    }

    /// <summary>
    /// Reads every row of <see cref="SelectSql"/> into a table. Values that repeat (names, cities,
    /// postcodes, countries, dates) are kept once per column: a million contacts hold a few thousand
    /// distinct first names, and the scan's memory is mostly these strings.
    /// </summary>
    public async Task<MatchTable> ReadAllAsync(DbDataReader reader, SqlDialect d, int capacity, CancellationToken ct)
    {
        const int MaxPooled = 50_000;
        var table = new MatchTable(Fields, capacity);
        var buffer = new string?[Fields.Count];
        var pools = Fields.Select(_ => (Dictionary<string, string>?)new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                var value = reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1);
                if (value is not null && pools[i] is { } pool)
                {
                    if (pool.TryGetValue(value, out var same)) value = same;
                    else if (pool.Count < MaxPooled) pool[value] = value;
                    else pools[i] = null; // a column of mostly distinct values (emails, streets): not worth a pool
                }
                buffer[i] = value;
            }
            table.Add((Guid)d.Read(reader, 0, ColumnType.Uuid)!, buffer);
        }
        return table;
    }

    /// <summary>The features of an incoming record in API JSON (already normalised like a write would be).</summary>
    public void Read(JsonObject record, Guid id, MatchTable table, string?[] buffer)
    {
        for (var i = 0; i < Features.Count; i++) buffer[i] = Text(Walk(record, Features[i].ApiPath));
        table.Add(id, buffer);
    }

    private static JsonNode? Walk(JsonNode? node, string[] path)
    {
        foreach (var part in path)
            node = node switch
            {
                JsonObject o => o[part],
                // The primary item of an email or phone list: the one marked primary, else the first.
                JsonArray a => a.OfType<JsonObject>().FirstOrDefault(x => x["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True) ?? a.FirstOrDefault(),
                _ => null,
            };
        return node;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is { Length: > 0 } s ? s : null,
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };
}
