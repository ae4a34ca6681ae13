using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rapport.Domain.Metadata;
using Rapport.Integration.Formats;

namespace Rapport.Integration.Mapping;

/// <summary>
/// Turns <see cref="SourceRow"/>s into the JSON bodies the record validator takes, following an
/// <see cref="ImportMapping"/> or, without one (or when it has no <c>fields:</c>), letting each column map
/// itself: a header names a field when it equals its path, name or label ignoring case, spaces, '_' and
/// '-' (First Name, first_name, FIRSTNAME → firstName); dotted headers reach nested fields
/// (address.city), custom fields (custom.tier), external ids (externalIds.erp) and relation keys
/// (account.domain); email and phone name the primary item of emails and phones; emails holds a JSON
/// array. Everything an export writes (<see cref="CsvListWriter.Columns"/>) maps back to itself, and a
/// quote that the export put before formula-like text ('=, '+, '-, '@) is removed again.
/// <para>
/// The mapping is compiled once per set of columns; rows whose columns differ (JSON, XML) get their own
/// plan, found by the columns instance and then by content. Not for concurrent use by several threads.
/// </para>
/// </summary>
public sealed class RowMapper
{
    private const int MaxPlans = 4096;

    private static readonly FrozenDictionary<string, RelationKey> NoRelations = FrozenDictionary<string, RelationKey>.Empty;

    private readonly ObjectSchema _schema;
    private readonly ImportMapping _mapping;
    private readonly TargetCatalog _catalog;
    private readonly MappingTarget[] _targets;
    private readonly Dictionary<string, RowPlan> _plans = new(StringComparer.Ordinal);
    private RowPlan _last;

    /// <param name="schema">The object imported into, with its custom fields.</param>
    /// <param name="mapping">The mapping; null to let every column map itself.</param>
    /// <param name="sourceColumns">
    /// The file's header. Columns the mapping names must be in it; pass an empty list when rows bring
    /// their own columns (JSON, XML), which skips that check.
    /// </param>
    /// <exception cref="MappingException">
    /// The mapping does not fit the object, names a column the file lacks, or (with <c>unmapped: error</c>) a column maps to nothing.
    /// </exception>
    public RowMapper(ObjectSchema schema, ImportMapping? mapping, IReadOnlyList<string> sourceColumns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(sourceColumns);
        _schema = schema;
        _mapping = mapping ?? ImportMapping.Empty;
        _catalog = new TargetCatalog(schema);
        _targets = _mapping.Resolve(_catalog);
        if (_mapping.HasFields && sourceColumns.Count > 0) CheckColumnsPresent(sourceColumns);
        _last = Compile(sourceColumns);
        _plans[Key(sourceColumns)] = _last;
    }

    /// <summary>Maps one row. Never throws for bad cell values (they become <see cref="MappedRow.Errors"/>).</summary>
    /// <exception cref="MappingException">The row brings a new set of columns and one maps to nothing under <c>unmapped: error</c>.</exception>
    public MappedRow Map(SourceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var plan = PlanFor(row.Columns);
        var values = row.Values;
        var body = new JsonObject();
        var containers = new JsonObject?[plan.Containers.Length];
        containers[0] = body;
        string?[]? primaries = plan.PrimaryArrays.Length > 0 ? new string?[plan.PrimaryArrays.Length] : null;
        List<CellError>? errors = null;
        Dictionary<string, RelationKey>? relations = null;

        foreach (var step in plan.Steps)
        {
            var spec = step.Spec;
            string? raw, text;
            if (spec is null)
            {
                raw = text = Cell(values, step.Column);
            }
            else
            {
                raw = spec.HasValue ? spec.Value : step.Columns is null ? Cell(values, step.Column) : Joined(values, step.Columns, spec.Join);
                try
                {
                    text = spec.Apply(raw);
                }
                catch (RegexMatchTimeoutException)
                {
                    AddError(ref errors, step, raw, "took too long to match the mapping's regex");
                    continue;
                }
            }
            if (string.IsNullOrWhiteSpace(text)) continue;
            var target = step.Target;
            switch (target.Kind)
            {
                case TargetKind.Value:
                    if (!TryConvert(text, target.ValueKind, step, out var node, out var problem))
                    {
                        AddError(ref errors, step, raw, Explain(problem!, raw, text));
                        continue;
                    }
                    Container(containers, plan, step.Container)[target.Name] = node;
                    break;
                case TargetKind.PrimaryItem:
                    primaries![step.PrimarySlot] = text.Trim();
                    break;
                case TargetKind.WholeObject:
                    if (ParseJson(text, out var parsed, out var jsonProblem) is not JsonObject obj)
                    {
                        AddError(ref errors, step, raw, jsonProblem ?? "must be a JSON object");
                        continue;
                    }
                    if (containers[step.Container] is { } existing)
                        foreach (var (key, value) in obj.ToArray()) { obj.Remove(key); existing[key] = value; }
                    else
                    {
                        containers[step.Container] = obj;
                        body[target.Name] = obj;
                    }
                    break;
                case TargetKind.WholeArray:
                    if (!TryArray(text, target.Field!, out var array, out var arrayProblem))
                    {
                        AddError(ref errors, step, raw, arrayProblem!);
                        continue;
                    }
                    body[target.Name] = array;
                    break;
                case TargetKind.Relation:
                    relations ??= new Dictionary<string, RelationKey>(StringComparer.Ordinal);
                    relations.TryAdd(target.RelationField!, new RelationKey(target.RelationField!, target.TargetObject!, target.KeyPath!, text.Trim(), step.ColumnLabel));
                    break;
            }
        }

        if (primaries is not null)
            for (var i = 0; i < primaries.Length; i++)
                if (primaries[i] is { } primary) MergePrimary(body, plan.PrimaryArrays[i], primary);
        if (relations is not null && plan.PolymorphicRelations.Length > 0) SetRelatedObject(body, relations, plan, ref errors);

        return new MappedRow(row.Line, body, (IReadOnlyDictionary<string, RelationKey>?)relations ?? NoRelations,
            (IReadOnlyList<CellError>?)errors ?? [], values, plan.FieldColumns);
    }

    private RowPlan PlanFor(IReadOnlyList<string> columns)
    {
        var last = _last;
        if (ReferenceEquals(last.Columns, columns)) return last;
        var key = Key(columns);
        if (!_plans.TryGetValue(key, out var plan))
        {
            plan = Compile(columns);
            if (_plans.Count >= MaxPlans) _plans.Clear();
            _plans[key] = plan;
        }
        else if (!ReferenceEquals(plan.Columns, columns))
        {
            // Same names in a new list: remember this instance so its next rows take the fast path.
            plan = new RowPlan
            {
                Columns = columns, Steps = plan.Steps, Containers = plan.Containers,
                PrimaryArrays = plan.PrimaryArrays, PolymorphicRelations = plan.PolymorphicRelations,
            };
            _plans[key] = plan;
        }
        _last = plan;
        return plan;
    }

    private static string Key(IReadOnlyList<string> columns) => string.Join('\u001F', columns);

    private void CheckColumnsPresent(IReadOnlyList<string> columns)
    {
        foreach (var field in _mapping.Fields)
            foreach (var column in field.Columns)
                if (IndexOf(columns, column) < 0)
                    throw new MappingException(
                        $"Mapping field '{field.Target}'{field.Where}: column \"{column}\" is not in the file (its columns: {string.Join(", ", columns.Select(c => $"\"{c}\""))}).",
                        field.Target, field.Line);
    }

    private RowPlan Compile(IReadOnlyList<string> columns)
    {
        var steps = new List<PlanStep>();
        var containers = new List<string> { "" };
        var primaries = new List<FieldDef>();
        var unmapped = new List<string>();

        if (_mapping.HasFields)
        {
            var used = new bool[columns.Count];
            for (var f = 0; f < _mapping.Fields.Count; f++)
            {
                var spec = _mapping.Fields[f];
                var indexes = spec.Columns.Select(c => IndexOf(columns, c)).ToArray();
                foreach (var i in indexes) if (i >= 0) used[i] = true;
                steps.Add(Step(_targets[f], spec, indexes, string.Join(", ", spec.Columns)));
            }
            for (var i = 0; i < columns.Count; i++)
                if (!used[i]) unmapped.Add(columns[i]);
        }
        else
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var target = _catalog.Resolve(columns[i]);
                if (target is null) unmapped.Add(columns[i]);
                else steps.Add(Step(target, null, [i], columns[i]));
            }
        }
        if (unmapped.Count > 0 && _mapping.Unmapped == UnmappedPolicy.Error)
            throw new MappingException(
                $"These columns map to no field of {_schema.Name}: {string.Join(", ", unmapped.Select(c => $"\"{c}\""))}. " +
                (_mapping.HasFields ? "Add them under fields: or set unmapped: ignore." : "Rename them to field names, map them under fields:, or set unmapped: ignore."));

        var ordered = steps.Where(s => s.RunsFirst).Concat(steps.Where(s => !s.RunsFirst)).ToArray();
        return new RowPlan
        {
            Columns = columns,
            Steps = ordered,
            Containers = containers.ToArray(),
            PrimaryArrays = primaries.ToArray(),
            PolymorphicRelations = ordered.Where(s => s.Target.ObjectField is not null).ToArray(),
        };

        PlanStep Step(MappingTarget target, FieldMapping? spec, int[] indexes, string label)
        {
            var container = 0;
            var slot = -1;
            var containerName = target.Kind switch
            {
                TargetKind.Value => target.Container,
                TargetKind.WholeObject => target.Name,
                _ => null,
            };
            if (containerName is not null)
            {
                container = containers.IndexOf(containerName);
                if (container < 0) { containers.Add(containerName); container = containers.Count - 1; }
            }
            if (target.Kind == TargetKind.PrimaryItem)
            {
                slot = primaries.IndexOf(target.Field!);
                if (slot < 0) { primaries.Add(target.Field!); slot = primaries.Count - 1; }
            }
            return new PlanStep
            {
                Target = target, Spec = spec, ColumnLabel = label, Container = container, PrimarySlot = slot,
                Column = indexes.Length == 1 ? indexes[0] : -1,
                Columns = indexes.Length > 1 ? indexes : null,
            };
        }
    }

    /// <summary>The column named <paramref name="name"/>: exactly, else ignoring case and surrounding spaces.</summary>
    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i], name, StringComparison.Ordinal)) return i;
        var trimmed = name.Trim();
        for (var i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i].Trim(), trimmed, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>A cell's text, without the quote an export puts before formula-like text.</summary>
    private static string? Cell(string?[] values, int index)
    {
        if ((uint)index >= (uint)values.Length) return null;
        var v = values[index];
        if (v is { Length: >= 2 } && v[0] == '\'' && v[1] is '=' or '+' or '-' or '@' or '\t' or '\r') return v[1..];
        return v;
    }

    private static string? Joined(string?[] values, int[] indexes, string separator)
    {
        string? result = null;
        foreach (var i in indexes)
        {
            var v = Cell(values, i);
            if (string.IsNullOrWhiteSpace(v)) continue;
            result = result is null ? v.Trim() : result + separator + v.Trim();
        }
        return result;
    }

    private static JsonObject Container(JsonObject?[] containers, RowPlan plan, int index)
    {
        if (containers[index] is { } existing) return existing;
        var created = new JsonObject();
        containers[0]![plan.Containers[index]] = created;
        containers[index] = created;
        return created;
    }

    private static bool TryConvert(string text, FieldKind kind, PlanStep step, out JsonNode? node, out string? problem)
    {
        node = null;
        problem = null;
        var s = text.AsSpan().Trim();
        switch (kind)
        {
            case FieldKind.Integer:
                if (!CellParsers.TryParseNumber(s, step.NumberFormat, out var whole) || whole != decimal.Truncate(whole))
                {
                    problem = "must be a whole number" + NumberHint(s, step.NumberFormat);
                    return false;
                }
                if (whole is > long.MaxValue or < long.MinValue) { problem = "is out of range"; return false; }
                node = JsonValue.Create((long)whole);
                return true;
            case FieldKind.Decimal or FieldKind.Money:
                if (!CellParsers.TryParseNumber(s, step.NumberFormat, out var number))
                {
                    problem = "must be a number" + NumberHint(s, step.NumberFormat);
                    return false;
                }
                node = JsonValue.Create(number);
                return true;
            case FieldKind.Boolean:
                if (!CellParsers.TryParseBoolean(s, out var flag))
                {
                    problem = "must be yes or no (true/false, y/n, 1/0, x, ja/nein, oui/non)";
                    return false;
                }
                node = JsonValue.Create(flag);
                return true;
            case FieldKind.Date:
                if (step.DatePattern is { } datePattern)
                {
                    if (!datePattern.TryParse(s, out var local, out _))
                    {
                        problem = $"must be a date in the form {datePattern.Pattern}";
                        return false;
                    }
                    node = JsonValue.Create(CellParsers.FormatDate(DateOnly.FromDateTime(local)));
                    return true;
                }
                if (!CellParsers.TryParseIsoDate(s, out var date))
                {
                    problem = "must be a date in the form yyyy-MM-dd (set date_format for other forms)";
                    return false;
                }
                // Already canonical (the usual case for exports): keep the string instead of formatting a new one.
                node = JsonValue.Create(s.Length == 10 && s.Length == text.Length ? text : CellParsers.FormatDate(date));
                return true;
            case FieldKind.DateTime:
                if (step.DatePattern is { } timePattern)
                {
                    if (!timePattern.TryParse(s, out var local, out var offset))
                    {
                        problem = $"must be a {(timePattern.HasTime ? "date-time" : "date")} in the form {timePattern.Pattern}";
                        return false;
                    }
                    var utc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
                    if (offset is { } minutes)
                    {
                        try { utc = utc.AddMinutes(-minutes); }
                        catch (ArgumentOutOfRangeException) { problem = "is out of range"; return false; }
                    }
                    node = JsonValue.Create(CellParsers.FormatInstant(utc));
                    return true;
                }
                if (!CellParsers.TryParseIsoInstant(s, out var instant))
                {
                    problem = "must be an ISO 8601 date-time such as 2026-01-31T09:30:00Z (set datetime_format for other forms)";
                    return false;
                }
                node = JsonValue.Create(CellParsers.IsCanonicalInstant(s) && s.Length == text.Length ? text : CellParsers.FormatInstant(instant));
                return true;
            case FieldKind.MultiPicklist:
                return TryMulti(text, out node, out problem);
            default:
                node = JsonValue.Create(s.Length == text.Length ? text : s.ToString());
                return true;
        }
    }

    private static string NumberHint(ReadOnlySpan<char> s, NumberFormat? format) =>
        format is not null
            ? $" written with decimal '{format.Decimal}'{(format.Group.Length > 0 ? $" and group '{format.Group}'" : "")}"
            : s.Contains(',') ? " (with a decimal point; set number_format for decimal commas)" : "";

    private static bool TryMulti(string text, out JsonNode? node, out string? problem)
    {
        node = null;
        problem = null;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '[')
        {
            if (ParseJson(text, out var parsed, out problem) is not JsonArray array)
            {
                problem ??= "must be a JSON array of option values";
                return false;
            }
            node = array;
            return true;
        }
        var separator = text.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var result = new JsonArray();
        foreach (var part in text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            result.Add(part);
        node = result;
        return true;
    }

    private static bool TryArray(string text, FieldDef field, out JsonArray? array, out string? problem)
    {
        array = null;
        problem = null;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '[')
        {
            if (ParseJson(text, out _, out problem) is not JsonArray parsed)
            {
                problem ??= "must be a JSON array";
                return false;
            }
            array = parsed;
            return true;
        }
        if (field.PrimaryProperty is not { } property)
        {
            problem = "must be a JSON array";
            return false;
        }
        // "a@x.io; b@x.io": a list of plain values, the first one primary.
        array = [];
        foreach (var part in text.Split(text.Contains(';', StringComparison.Ordinal) ? ';' : ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            array.Add(new JsonObject { [property] = part, ["primary"] = array.Count == 0 });
        return true;
    }

    private static JsonNode? ParseJson(string text, out JsonNode? node, out string? problem)
    {
        problem = null;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            node = null;
            problem = "is not valid JSON: " + e.Message;
        }
        return node;
    }

    /// <summary>
    /// Puts the primary value of a collapsed column (email, phone) first in its array, marked primary,
    /// reusing an item of the same value that the array cell may already hold.
    /// </summary>
    private static void MergePrimary(JsonObject body, FieldDef arrayField, string value)
    {
        var property = arrayField.PrimaryProperty!;
        if (body[arrayField.Name] is not JsonArray items)
        {
            body[arrayField.Name] = new JsonArray { new JsonObject { [property] = value, ["primary"] = true } };
            return;
        }
        JsonObject? primary = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonObject item && item[property] is JsonValue v && v.TryGetValue(out string? s) &&
                string.Equals(s.Trim(), value, StringComparison.OrdinalIgnoreCase))
            {
                primary = item;
                items.RemoveAt(i);
                break;
            }
        }
        foreach (var item in items)
            if (item is JsonObject other && other["primary"] is JsonValue flag && flag.TryGetValue(out bool isPrimary) && isPrimary)
                other["primary"] = false;
        primary ??= new JsonObject { [property] = value };
        primary["primary"] = true;
        items.Insert(0, primary);
    }

    /// <summary>A relation through a polymorphic reference also names its object (relatedObject), unless the row does.</summary>
    private static void SetRelatedObject(JsonObject body, Dictionary<string, RelationKey> relations, RowPlan plan, ref List<CellError>? errors)
    {
        foreach (var step in plan.PolymorphicRelations)
        {
            var target = step.Target;
            if (!relations.TryGetValue(target.RelationField!, out var key) || key.TargetObject != target.TargetObject || key.Column != step.ColumnLabel)
                continue;
            var objectField = target.ObjectField!;
            if (body[objectField] is JsonValue given && given.TryGetValue(out string? named))
            {
                if (!string.Equals(named.Trim(), target.TargetObject, StringComparison.OrdinalIgnoreCase))
                    AddError(ref errors, step, key.Value, $"refers to {target.TargetObject} but {objectField} is {named}");
                continue;
            }
            body[objectField] = target.TargetObject;
        }
    }

    private static string Explain(string problem, string? raw, string text) =>
        raw is not null && string.Equals(raw.Trim(), text.Trim(), StringComparison.Ordinal) ? problem : $"{problem} (after the mapping: \"{text}\")";

    private static void AddError(ref List<CellError>? errors, PlanStep step, string? raw, string message)
    {
        errors ??= [];
        errors.Add(new CellError(step.ColumnLabel, step.Target.Path, raw ?? "", message));
    }
}
