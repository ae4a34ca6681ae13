namespace Rapport.Integration.Mapping;

/// <summary>
/// How one target field gets its value: from one column, several joined columns or a constant, then
/// through the transforms in the order written, the value <see cref="Map"/>, the <see cref="Default"/>
/// and finally the date or number format that turns source text into the canonical form.
/// </summary>
public sealed class FieldMapping
{
    private static readonly string[] Keys =
    [
        "column", "columns", "join", "value", "transform", "map", "map_default", "default",
        "date_format", "datetime_format", "number_format", "strip", "replace", "split", "regex", "split_name",
    ];

    private FieldMapping(string target) => Target = target;

    /// <summary>The target field path as written (<c>firstName</c>, <c>address.city</c>, <c>custom.tier</c>, <c>account.domain</c>).</summary>
    public string Target { get; }

    /// <summary>The source column(s); empty for a constant <see cref="Value"/>.</summary>
    public IReadOnlyList<string> Columns { get; private set; } = [];

    /// <summary>What joins the non-empty values of several <see cref="Columns"/>; a space by default.</summary>
    public string Join { get; private set; } = " ";

    /// <summary>The constant of <c>value:</c>, used instead of a column.</summary>
    public string? Value { get; private set; }

    public bool HasValue { get; private set; }

    public IReadOnlyList<ValueTransform> Transforms => _transforms;

    private ValueTransform[] _transforms = [];

    /// <summary>Source value → target value, matched case-insensitively against the whole value; a null target means "no value".</summary>
    public IReadOnlyDictionary<string, string?>? Map { get; private set; }

    /// <summary>The value for a non-empty source value that no <see cref="Map"/> key matched (when <see cref="HasMapDefault"/>).</summary>
    public string? MapDefault { get; private set; }

    public bool HasMapDefault { get; private set; }

    /// <summary>The value used when the result so far is empty.</summary>
    public string? Default { get; private set; }

    public string? DateFormat { get; private set; }
    public string? DateTimeFormat { get; private set; }
    public NumberFormat? NumberFormat { get; private set; }

    /// <summary>The YAML line of the entry, for messages.</summary>
    public long? Line { get; private set; }

    internal DatePattern? DatePattern { get; private set; }
    internal DatePattern? DateTimePattern { get; private set; }

    /// <summary>The date pattern that applies, date-time first.</summary>
    internal DatePattern? AnyDatePattern => DateTimePattern ?? DatePattern;

    internal string Where => Line is { } line ? $" (line {line})" : "";

    /// <summary>Transforms, map and default applied to the raw value (the joined columns, or the constant).</summary>
    internal string? Apply(string? value)
    {
        foreach (var t in _transforms) value = t.Apply(value);
        if (Map is not null)
        {
            if (string.IsNullOrEmpty(value))
            {
                if (Map.TryGetValue("", out var forEmpty)) value = forEmpty;
            }
            else if (Map.TryGetValue(value, out var mapped)) value = mapped;
            else if (HasMapDefault) value = MapDefault;
        }
        if (Default is not null && string.IsNullOrWhiteSpace(value)) value = Default;
        return value;
    }

    internal static FieldMapping Parse(string target, SpecNode node)
    {
        var result = new FieldMapping(target) { Line = node.Line };
        if (string.IsNullOrWhiteSpace(target)) throw ImportMapping.Fail(node, target, "the target field name is empty");
        if (node.Kind == SpecNodeKind.Scalar)
        {
            // Shorthand: "firstName: First Name" names the column.
            result.Columns = [node.Text!];
            return result;
        }
        if (node.Kind != SpecNodeKind.Map)
            throw ImportMapping.Fail(node, target, "expected a column name or a map such as { column: \"First Name\" }");

        var transforms = new List<ValueTransform>();
        foreach (var (key, value) in node.Entries)
        {
            switch (key)
            {
                case "column":
                    result.Columns = [Text(value, target, "column must be a column name")];
                    break;
                case "columns":
                    if (value.Kind != SpecNodeKind.List || value.Items.Count == 0)
                        throw ImportMapping.Fail(value, target, "columns must be a list of column names, e.g. [Note1, Note2]");
                    result.Columns = value.Items.Select(i => Text(i, target, "columns must be a list of column names")).ToArray();
                    break;
                case "join":
                    result.Join = value.IsNull ? "" : Text(value, target, "join must be text");
                    break;
                case "value":
                    if (value.Kind == SpecNodeKind.Map || value.Kind == SpecNodeKind.List)
                        throw ImportMapping.Fail(value, target, "value must be a single constant");
                    result.Value = value.Text;
                    result.HasValue = true;
                    break;
                case "transform":
                    if (value.Kind == SpecNodeKind.List) transforms.AddRange(value.Items.Select(i => ValueTransform.Parse(i, target)));
                    else if (!value.IsNull) transforms.Add(ValueTransform.Parse(value, target));
                    break;
                case "map":
                    result.Map = ParseMap(value, target);
                    break;
                case "map_default":
                    if (value.Kind is SpecNodeKind.Map or SpecNodeKind.List) throw ImportMapping.Fail(value, target, "map_default must be a single value");
                    result.MapDefault = value.Text;
                    result.HasMapDefault = true;
                    break;
                case "default":
                    if (value.Kind is SpecNodeKind.Map or SpecNodeKind.List) throw ImportMapping.Fail(value, target, "default must be a single value");
                    result.Default = value.Text;
                    break;
                case "date_format":
                    result.DateFormat = Text(value, target, "date_format must be a pattern such as dd.MM.yyyy");
                    result.DatePattern = DatePattern.Compile(result.DateFormat, false, out var dateError)
                        ?? throw ImportMapping.Fail(value, target, $"date_format \"{result.DateFormat}\" is not a valid pattern: {dateError}");
                    break;
                case "datetime_format":
                    result.DateTimeFormat = Text(value, target, "datetime_format must be a pattern such as dd.MM.yyyy HH:mm");
                    result.DateTimePattern = DatePattern.Compile(result.DateTimeFormat, true, out var timeError)
                        ?? throw ImportMapping.Fail(value, target, $"datetime_format \"{result.DateTimeFormat}\" is not a valid pattern: {timeError}");
                    break;
                case "number_format":
                    result.NumberFormat = ParseNumberFormat(value, target);
                    break;
                default:
                    if (ValueTransform.IsTransformKey(key))
                    {
                        transforms.Add(ValueTransform.Create(key, value, value, target));
                        break;
                    }
                    throw ImportMapping.Fail(value, target, $"unknown setting '{key}' (known: {string.Join(", ", Keys)})");
            }
        }
        result._transforms = transforms.ToArray();
        if (result.HasValue && result.Columns.Count > 0)
            throw ImportMapping.Fail(node, target, "give either column(s) or value, not both");
        if (!result.HasValue && result.Columns.Count == 0 && result.Default is null)
            throw ImportMapping.Fail(node, target, "needs column, columns, value or default");
        if (result.DatePattern is not null && result.DateTimePattern is not null)
            throw ImportMapping.Fail(node, target, "give date_format or datetime_format, not both");
        if (result.HasMapDefault && result.Map is null)
            throw ImportMapping.Fail(node, target, "map_default needs a map");
        return result;
    }

    private static Dictionary<string, string?> ParseMap(SpecNode node, string target)
    {
        if (node.Kind != SpecNodeKind.Map) throw ImportMapping.Fail(node, target, "map must be a map of source value → target value, e.g. { \"Y\": active }");
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in node.Entries)
        {
            if (value.Kind is SpecNodeKind.Map or SpecNodeKind.List)
                throw ImportMapping.Fail(value, target, $"map: the value for \"{key}\" must be a single value");
            if (!map.TryAdd(key, value.Text))
                throw ImportMapping.Fail(value, target, $"map: \"{key}\" is listed twice (keys match regardless of case)");
        }
        return map;
    }

    private static NumberFormat ParseNumberFormat(SpecNode node, string target)
    {
        if (node.Kind != SpecNodeKind.Map) throw ImportMapping.Fail(node, target, "number_format must be { decimal: \",\", group: \".\" }");
        var dec = '.';
        var group = "";
        foreach (var (key, value) in node.Entries)
        {
            switch (key)
            {
                case "decimal":
                    var d = Text(value, target, "number_format: decimal must be one character");
                    if (d.Length != 1 || char.IsAsciiDigit(d[0]) || d[0] is '-' or '+')
                        throw ImportMapping.Fail(value, target, "number_format: decimal must be one character such as \",\" or \".\"");
                    dec = d[0];
                    break;
                case "group":
                    group = value.IsNull ? "" : Text(value, target, "number_format: group must be text");
                    if (group.Any(c => char.IsAsciiDigit(c) || c is '-' or '+'))
                        throw ImportMapping.Fail(value, target, "number_format: group must not contain digits or signs");
                    break;
                default:
                    throw ImportMapping.Fail(value, target, $"number_format has no setting '{key}' (use decimal and group)");
            }
        }
        if (group.Contains(dec, StringComparison.Ordinal))
            throw ImportMapping.Fail(node, target, $"number_format: the decimal separator '{dec}' cannot also be a group separator");
        return new NumberFormat(dec, group);
    }

    private static string Text(SpecNode node, string target, string problem) =>
        node is { Kind: SpecNodeKind.Scalar, Text: { } text } ? text : throw ImportMapping.Fail(node, target, problem);
}
