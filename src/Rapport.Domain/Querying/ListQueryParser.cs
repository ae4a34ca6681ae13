using Rapport.Domain.Metadata;
using Rapport.Domain.Validation;

namespace Rapport.Domain.Querying;

/// <summary>Parses the query string of a list call (contract §3) into a <see cref="ListQuery"/>; bad parts are 400s naming the parameter.</summary>
public static class ListQueryParser
{
    private static readonly Dictionary<string, FilterOp> Ops = new(StringComparer.Ordinal)
    {
        ["eq"] = FilterOp.Eq, ["ne"] = FilterOp.Ne, ["lt"] = FilterOp.Lt, ["lte"] = FilterOp.Lte, ["gt"] = FilterOp.Gt,
        ["gte"] = FilterOp.Gte, ["contains"] = FilterOp.Contains, ["startsWith"] = FilterOp.StartsWith, ["in"] = FilterOp.In,
        ["isNull"] = FilterOp.IsNull,
    };

    /// <summary>The filter operators of the list language (<c>field[op]=value</c>), for other interfaces that speak it.</summary>
    public static readonly IReadOnlyList<string> OperatorNames = [.. Ops.Keys];

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "limit", "cursor", "sort", "fields", "q" };

    public static ListQuery Parse(ObjectSchema schema, IEnumerable<KeyValuePair<string, string>> parameters, CursorCodec cursors,
        IReadOnlySet<string>? ignoredParameters = null)
    {
        var errors = new ValidationErrors();
        var query = new ListQuery();
        string? cursor = null;
        foreach (var (key, value) in parameters)
        {
            if (ignoredParameters?.Contains(key) == true) continue;
            switch (key)
            {
                case "limit":
                    if (!int.TryParse(value, out var limit) || limit < 1 || limit > ListQuery.MaxLimit)
                        errors.Add("limit", $"must be a whole number from 1 to {ListQuery.MaxLimit}");
                    else query.Limit = limit;
                    break;
                case "cursor": cursor = value; break;
                case "q":
                    if (value.Length > 200) errors.Add("q", "must be at most 200 characters");
                    else if (value.Trim().Length > 0) query.Search = value.Trim();
                    break;
                case "sort": ParseSort(schema, value, query, errors); break;
                case "fields": query.Fields = ParseFields(schema, value, errors); break;
                default: ParseFilter(schema, key, value, query, errors); break;
            }
        }
        if (errors.Any) throw new ValidationException(errors.ToDictionary());
        if (cursor is not null) query.After = DecodeCursor(cursors, cursor, query);
        return query;
    }

    private static IReadOnlyList<object?> DecodeCursor(CursorCodec cursors, string cursor, ListQuery query)
    {
        var texts = cursors.Decode(cursor, query.SortSpec);
        // One value per sort key and then the id, unless the sort already ends with it (sort=-id, sort=name,-id).
        if (texts.Count != query.Sorts.Count + (query.SortEndsWithId ? 0 : 1)) throw ValidationException.For("cursor", "does not match this request");
        var values = new object?[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var kind = i < query.Sorts.Count ? query.Sorts[i].Field.Kind : FieldKind.Reference;
            if (texts[i] is null) { if (i == texts.Count - 1) throw ValidationException.For("cursor", "does not match this request"); continue; }
            if (!QueryValues.TryParse(kind, texts[i]!, out values[i])) throw ValidationException.For("cursor", "does not match this request");
        }
        return values;
    }

    private static void ParseSort(ObjectSchema schema, string value, ListQuery query, ValidationErrors errors)
    {
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var descending = part.StartsWith('-');
            var name = descending || part.StartsWith('+') ? part[1..] : part;
            var field = FieldResolver.Resolve(schema, name);
            if (field is null || field.Location == FieldLocation.ExternalId) { errors.Add("sort", $"'{name}' is not a sortable field of {schema.Name}"); continue; }
            if (query.Sorts.Any(s => s.Field.Path == field.Path)) { errors.Add("sort", $"'{name}' is listed twice"); continue; }
            if (field.Path == SystemFields.Id) { if (descending) query.Sorts.Add(new SortKey(field, true)); continue; }
            query.Sorts.Add(new SortKey(field, descending));
        }
        if (query.Sorts.Count > 5) errors.Add("sort", "at most 5 sort fields");
    }

    private static HashSet<string> ParseFields(ObjectSchema schema, string value, ValidationErrors errors)
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { SystemFields.Id };
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (schema.Definition.IndexOf(name) >= 0 || SystemFields.IsSystem(name)) set.Add(name);
            else if (name.StartsWith("custom.", StringComparison.Ordinal) && schema.Custom(name[7..]) is not null) set.Add(name);
            else errors.Add("fields", $"'{name}' is not a field of {schema.Name}");
        }
        return set;
    }

    private static void ParseFilter(ObjectSchema schema, string key, string value, ListQuery query, ValidationErrors errors)
    {
        var name = key;
        var op = FilterOp.Eq;
        var bracket = key.IndexOf('[');
        if (bracket >= 0)
        {
            if (!key.EndsWith(']')) { errors.Add(key, "filters are written field=value or field[op]=value"); return; }
            name = key[..bracket];
            var opName = key[(bracket + 1)..^1];
            if (!Ops.TryGetValue(opName, out op)) { errors.Add(key, $"unknown operator '{opName}'; use one of: {string.Join(", ", Ops.Keys)}"); return; }
        }
        if (Reserved.Contains(name)) { errors.Add(key, "is a reserved parameter and takes no operator"); return; }
        var field = FieldResolver.Resolve(schema, name);
        if (field is null) { errors.Add(name, $"is not a filterable field of {schema.Name}"); return; }
        if (field.Location == FieldLocation.ExternalId && op is not (FilterOp.Eq or FilterOp.In)) { errors.Add(key, "external ids can be filtered with eq or in only"); return; }
        var textual = field.Kind is FieldKind.Text or FieldKind.Email or FieldKind.Phone or FieldKind.Url or FieldKind.Picklist;
        switch (op)
        {
            case FilterOp.IsNull:
                if (value is not ("true" or "false")) { errors.Add(key, "must be true or false"); return; }
                query.Filters.Add(new Filter(field, op, value == "true"));
                return;
            case FilterOp.Contains or FilterOp.StartsWith:
                if (!textual) { errors.Add(key, $"{OpName(op)} works on text fields only"); return; }
                if (value.Length == 0) { errors.Add(key, "needs a value"); return; }
                query.Filters.Add(new Filter(field, op, value));
                return;
            case FilterOp.In:
                var parts = value.Split(',', StringSplitOptions.TrimEntries);
                if (parts.Length > 100) { errors.Add(key, "takes at most 100 values"); return; }
                var list = new object?[parts.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!QueryValues.TryParse(field.Kind, parts[i], out list[i])) { errors.Add(name, $"'{parts[i]}' is not {QueryValues.Describe(field.Kind)}"); return; }
                }
                query.Filters.Add(new Filter(field, op, list));
                return;
            default:
                if (!QueryValues.TryParse(field.Kind, value, out var typed)) { errors.Add(name, $"must be {QueryValues.Describe(field.Kind)}"); return; }
                query.Filters.Add(new Filter(field, op, typed));
                return;
        }
    }

    private static string OpName(FilterOp op) => op == FilterOp.Contains ? "contains" : "startsWith";
}
