using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Api.Changes;
using Rapport.Api.Errors;
using Rapport.Api.Infrastructure;
using Rapport.Data;
using Rapport.Data.Changes;
using Rapport.Data.Model;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Domain.Validation;

namespace Rapport.Api.Metadata;

/// <summary>
/// Custom fields at runtime (contract §3): defined, changed and removed without a schema change;
/// values live in each record's <c>custom</c> JSON, so every interface sees a new field at once.
/// </summary>
public sealed class CustomFieldService(Database database, SchemaRegistry schemas)
{
    public const int MaxFieldsPerObject = 200;
    private static readonly HashSet<string> UniqueCapable = ["text", "number", "decimal", "email", "phone", "url"];
    private static readonly HashSet<string> Writable = ["name", "label", "type", "required", "unique", "options", "pattern", "default"];

    public async Task<IReadOnlyList<CustomField>> ListAsync(ObjectDef def, CancellationToken ct)
    {
        await using var db = database.Context();
        return await db.CustomFields.AsNoTracking().Where(f => f.Object == def.Name).OrderBy(f => f.CreatedAt).ThenBy(f => f.Name).ToListAsync(ct);
    }

    public async Task<CustomField> GetAsync(ObjectDef def, string name, CancellationToken ct)
    {
        await using var db = database.Context();
        return await db.CustomFields.AsNoTracking().FirstOrDefaultAsync(f => f.Object == def.Name && f.Name == name, ct)
            ?? throw ApiException.NotFound($"{def.Name} has no custom field '{name}'.");
    }

    public async Task<CustomField> CreateAsync(ObjectDef def, JsonObject body, CancellationToken ct)
    {
        RejectUnknown(body);
        var errors = new ValidationErrors();
        var name = Text(body, "name", errors, required: true);
        if (name is not null && !FieldFormats.IsFieldName(name)) errors.Add("name", "must start with a lower-case letter and use letters, digits and '_' (at most 63)");
        if (name is not null && (def.IndexOf(name) >= 0 || SystemFields.IsSystem(name) || name is "email" or "phone"))
            errors.Add("name", $"'{name}' is already a standard field of {def.Name}");
        var type = Text(body, "type", errors, required: true);
        if (type is not null && CustomFieldTypes.KindOf(type) is null) errors.Add("type", $"must be one of: {string.Join(", ", CustomFieldTypes.All)}");
        if (errors.Any) throw new ValidationException(errors.ToDictionary());
        var now = Timestamps.Now();
        var field = new CustomField { Object = def.Name, Name = name!, Type = type!, Label = name!, CreatedAt = now, UpdatedAt = now };
        Apply(field, body, errors);
        if (errors.Any) throw new ValidationException(errors.ToDictionary());

        await using var db = database.Context();
        if (await db.CustomFields.CountAsync(f => f.Object == def.Name, ct) >= MaxFieldsPerObject)
            throw ApiException.Conflict($"{def.Name} already has {MaxFieldsPerObject} custom fields.");
        if (await db.CustomFields.AnyAsync(f => f.Object == def.Name && f.Name == field.Name, ct))
            throw ApiException.Conflict($"{def.Name} already has a custom field '{field.Name}'.", "name");
        if (field.IsUnique) await EnsureNoDuplicatesAsync(db, def, field.Name, ct);
        db.CustomFields.Add(field);
        await db.SaveChangesAsync(ct);
        await RefreshAsync(ct);
        return field;
    }

    public async Task<CustomField> UpdateAsync(ObjectDef def, string name, JsonObject patch, CancellationToken ct)
    {
        RejectUnknown(patch);
        await using var db = database.Context();
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Object == def.Name && f.Name == name, ct)
            ?? throw ApiException.NotFound($"{def.Name} has no custom field '{name}'.");
        var errors = new ValidationErrors();
        if (patch["name"] is JsonValue n && n.ToString() != name) errors.Add("name", "cannot be changed; create a new field instead");
        if (patch["type"] is JsonValue t && t.ToString() != field.Type) errors.Add("type", "cannot be changed; create a new field instead");
        var wasUnique = field.IsUnique;
        Apply(field, patch, errors);
        if (errors.Any) throw new ValidationException(errors.ToDictionary());
        if (field.IsUnique && !wasUnique) await EnsureNoDuplicatesAsync(db, def, field.Name, ct);
        field.UpdatedAt = Timestamps.Now();
        await db.SaveChangesAsync(ct);
        await RefreshAsync(ct);
        return field;
    }

    /// <summary>
    /// Removes the definition and the stored values in one transaction. Every record that held a value changes: its
    /// version goes up and it gets an <c>updated</c> change naming <c>custom.NAME</c>, so the feed, webhooks, the
    /// bus and sync learn that the value is gone instead of keeping it for ever.
    /// </summary>
    public async Task DeleteAsync(ObjectDef def, string name, Actor actor, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        var after = new ObjectSchema(def, [.. schema.CustomFields.Where(f => f.Name != name)], schema.DynamicOptions);
        await database.Dialect.WriteAsync(async (s, c) =>
        {
            var d = s.Dialect;
            var p = new ParameterList();
            var sql = $"DELETE FROM custom_fields WHERE object = {p.Add(d, ColumnType.Text, def.Name)} AND name = {p.Add(d, ColumnType.Text, name)}";
            if (await s.Command(sql, p).ExecuteNonQueryAsync(c) == 0) throw ApiException.NotFound($"{def.Name} has no custom field '{name}'.");
            var stripped = await StripAsync(s, def, name, c);
            foreach (var chunk in stripped.Chunk(1000))
            {
                var records = await RecordStore.GetManyAsync(s, def, chunk, c);
                await ChangeStore.AddAsync(s, [.. records.Values.Select(r =>
                    ChangeLog.Entry(after, r, ChangeOps.Updated, [$"{SystemFields.Custom}.{name}"], actor.ClientId, actor.UserId))], c);
            }
            return stripped.Count;
        }, ct);
        await RefreshAsync(ct);
    }

    /// <summary>Removes the field's value from every record that has one, as a new version of the record; returns their ids.</summary>
    private static async Task<List<Guid>> StripAsync(DbSession s, ObjectDef def, string name, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var key = p.Add(d, ColumnType.Text, name);
        var now = p.Add(d, ColumnType.Timestamp, Timestamps.Now());
        var sql = d.Provider == DatabaseProvider.Postgres
            ? $"UPDATE {def.Table} SET custom = custom - {key}, version = version + 1, updated_at = {now} WHERE custom ? {key} RETURNING id"
            : $"UPDATE {def.Table} SET custom = json_remove(custom, '$.' || {key}), version = version + 1, updated_at = {now} " +
              $"WHERE json_type(custom, '$.' || {key}) IS NOT NULL RETURNING id";
        var ids = new List<Guid>();
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add((Guid)d.Read(reader, 0, ColumnType.Uuid)!);
        return ids;
    }

    public static JsonObject ToJson(CustomField f) => new()
    {
        ["object"] = f.Object,
        ["name"] = f.Name,
        ["label"] = f.Label,
        ["type"] = f.Type,
        ["required"] = f.Required,
        ["unique"] = f.IsUnique,
        ["options"] = f.Options is null ? null : JsonNode.Parse(f.Options),
        ["pattern"] = f.Pattern,
        ["default"] = f.DefaultValue is null ? null : JsonNode.Parse(f.DefaultValue),
        ["createdAt"] = Timestamps.ToText(f.CreatedAt),
        ["updatedAt"] = Timestamps.ToText(f.UpdatedAt),
    };

    private async Task RefreshAsync(CancellationToken ct)
    {
        schemas.Invalidate();
        await schemas.ReloadAsync(ct);
    }

    private static void Apply(CustomField field, JsonObject body, ValidationErrors errors)
    {
        if (body.ContainsKey("label")) field.Label = Text(body, "label", errors, required: false, max: 100) ?? field.Name;
        if (body.ContainsKey("required")) field.Required = Bool(body, "required", errors);
        if (body.ContainsKey("unique")) field.IsUnique = Bool(body, "unique", errors);
        if (field.IsUnique && !UniqueCapable.Contains(field.Type)) errors.Add("unique", $"is not available for {field.Type} fields");
        if (body.ContainsKey("options")) field.Options = Options(field.Type, body["options"], errors);
        if (field.Type is "picklist" or "multipicklist" or "lookup" && field.Options is null)
            errors.Add("options", field.Type == "lookup" ? "must name the object the lookup points to, e.g. [\"accounts\"]" : "must list the allowed values");
        if (body.ContainsKey("pattern")) field.Pattern = Pattern(field.Type, body, errors);
        if (body.ContainsKey("default")) field.DefaultValue = Default(field, body["default"], errors);
    }

    private static string? Options(string type, JsonNode? node, ValidationErrors errors)
    {
        if (node is null) return null;
        if (type is not ("picklist" or "multipicklist" or "lookup")) { errors.Add("options", $"is only for picklist, multipicklist and lookup fields"); return null; }
        if (node is not JsonArray arr || arr.Count == 0 || arr.Any(o => o is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        { errors.Add("options", "must be a non-empty array of strings"); return null; }
        var values = arr.Select(o => o!.GetValue<string>().Trim()).ToList();
        if (type == "lookup")
        {
            if (values.Count != 1 || StandardObjects.Find(values[0]) is null) { errors.Add("options", $"must be one object name: {string.Join(", ", StandardObjects.All.Select(o => o.Name))}"); return null; }
        }
        else if (values.Count > 500 || values.Any(v => v.Length is 0 or > 100) || values.Distinct(StringComparer.OrdinalIgnoreCase).Count() != values.Count)
        { errors.Add("options", "must be 1 to 500 distinct values of 1 to 100 characters"); return null; }
        return JsonSerializer.Serialize(values, RecordJson.Options);
    }

    private static string? Pattern(string type, JsonObject body, ValidationErrors errors)
    {
        var pattern = Text(body, "pattern", errors, required: false, max: 500);
        if (pattern is null) return null;
        if (type != "text") { errors.Add("pattern", "is only for text fields"); return null; }
        try { _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50)); }
        catch (ArgumentException e) { errors.Add("pattern", "is not a valid regular expression: " + e.Message); return null; }
        return pattern;
    }

    private static string? Default(CustomField field, JsonNode? node, ValidationErrors errors)
    {
        if (node is null) return null;
        var def = CustomFieldTypes.ToField(field.Name, field.Label, field.Type, false, false,
            field.Options is null ? null : JsonSerializer.Deserialize<List<string>>(field.Options), field.Pattern, null);
        var schema = new ObjectSchema(StandardObjects.Contacts, []);
        var converter = new ValueConverter(schema, errors, []);
        return converter.TryConvert(def, node, "default", null, out var value) && value is not null
            ? ValueConverter.ToNode(value)!.ToJsonString(RecordJson.Options)
            : null;
    }

    private static async Task EnsureNoDuplicatesAsync(RapportDbContext db, ObjectDef def, string name, CancellationToken ct)
    {
        var expr = db.Database.IsNpgsql() ? "custom ->> {0}" : "json_extract(custom, '$.' || {0})";
        var sql = "SELECT count(*) AS \"Value\" FROM (SELECT " + expr + " AS v FROM " + def.Table + " WHERE deleted_at IS NULL AND " + expr +
                  " IS NOT NULL GROUP BY " + expr + " HAVING count(*) > 1) d";
        var duplicates = await db.Database.SqlQueryRaw<int>(sql, name).SingleAsync(ct);
        if (duplicates > 0)
            throw ApiException.Conflict($"custom.{name} has {duplicates} values shared by several {def.Name}; make them distinct before marking the field unique.", "unique");
    }

    private static void RejectUnknown(JsonObject body)
    {
        var unknown = body.Select(p => p.Key).Where(k => !Writable.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ValidationException(unknown.ToDictionary(k => k, _ => new[] { "is not a property of a custom field" }));
    }

    private static string? Text(JsonObject body, string name, ValidationErrors errors, bool required, int max = 100)
    {
        var node = body[name];
        if (node is null) { if (required) errors.Add(name, "is required"); return null; }
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) { errors.Add(name, "must be a string"); return null; }
        var s = v.GetValue<string>().Trim();
        if (s.Length == 0 && required) { errors.Add(name, "is required"); return null; }
        if (s.Length > max) { errors.Add(name, $"must be at most {max} characters"); return null; }
        return s.Length == 0 ? null : s;
    }

    private static bool Bool(JsonObject body, string name, ValidationErrors errors)
    {
        if (body[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        errors.Add(name, "must be true or false");
        return false;
    }
}
