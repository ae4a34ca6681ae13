using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Integration.Mapping;

/// <summary>
/// How the columns of an import file become the fields of a record. Written as YAML
/// (<see cref="Parse"/>) or sent as JSON of the same shape (<see cref="FromJson"/>); every setting is optional:
/// <code>
/// object: contacts               # the object imported into; checked against the target when given
/// match_on: email                # id, email, domain, externalIds.&lt;system&gt; or another field: finds duplicates
/// on_duplicate: update           # skip | update | merge
/// unmapped: ignore               # ignore (default) | error: a source column that maps to nothing fails the job
/// fields:                        # target field path → how to get its value
///   firstName:   { column: "Full Name", split_name: first }
///   lastName:    { column: "Full Name", split_name: last }
///   email:       { column: "E-Mail", transform: [trim, lower] }
///   title:       { column: Position, transform: [trim, title_case], default: "Unknown" }
///   account.name: { column: Company }                  # a relation: the importer looks the account up by name
///   custom.since: { column: "Kunde seit", date_format: "dd.MM.yyyy" }
///   annualRevenue: { column: Umsatz, number_format: { decimal: ",", group: "." } }
///   status:      { column: Status, map: { "Y": active, "N": inactive }, map_default: inactive }
///   description: { columns: [Note1, Note2], join: " / " }
///   externalIds.legacy: { column: Ref, regex: "REF-(\\d+)" }
///   source:      { value: "migration" }                # a constant
/// </code>
/// A field entry is a column name or a map with: <c>column</c> | <c>columns</c> (+ <c>join</c>, default " ") |
/// <c>value</c>; <c>transform</c>: a list of trim, lower, upper, title_case, collapse_spaces,
/// <c>{strip: chars}</c>, <c>{replace: {pattern, with}}</c>, <c>{split: {separator, index}}</c>,
/// <c>{regex: pattern}</c>, <c>{split_name: first|last}</c> (the last five may also stand as keys of the
/// entry; all steps run in the order written); then <c>map</c> (case-insensitive, whole value) and
/// <c>map_default</c>; then <c>default</c> for an empty result; then <c>date_format</c>,
/// <c>datetime_format</c> (.NET-style custom patterns) or <c>number_format</c> <c>{decimal, group}</c>.
/// Without <c>fields:</c> columns map themselves by name (see <see cref="RowMapper"/>).
/// docs/import-mapping.md has the full reference.
/// </summary>
public sealed class ImportMapping
{
    private static readonly string[] TopKeys = ["object", "match_on", "on_duplicate", "unmapped", "fields"];

    private ImportMapping() { }

    /// <summary>The object the mapping is written for (<c>contacts</c>); null when not stated.</summary>
    public string? Object { get; private init; }

    /// <summary>The field that identifies an existing record (<c>email</c>, <c>id</c>, <c>externalIds.erp</c>); null when not stated.</summary>
    public string? MatchOn { get; private init; }

    /// <summary>What to do when <see cref="MatchOn"/> finds a record; null when not stated (the importer's default).</summary>
    public DuplicatePolicy? OnDuplicate { get; private init; }

    public UnmappedPolicy Unmapped { get; private init; } = UnmappedPolicy.Ignore;

    /// <summary>The field entries in the order written; empty when the mapping has no <c>fields:</c> (columns then map themselves).</summary>
    public IReadOnlyList<FieldMapping> Fields { get; private init; } = [];

    public bool HasFields => Fields.Count > 0;

    /// <summary>A mapping with no settings: auto-mapping by column name, unmapped columns ignored.</summary>
    public static ImportMapping Empty { get; } = new();

    /// <summary>Reads a YAML mapping.</summary>
    /// <exception cref="MappingException">The YAML does not parse or a setting is invalid; the message names the field and line.</exception>
    public static ImportMapping Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return FromSpec(SpecNode.Parse(yaml));
    }

    /// <summary>Reads a mapping sent as JSON, with the same keys as the YAML form.</summary>
    /// <exception cref="MappingException">A setting is invalid.</exception>
    public static ImportMapping FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromSpec(SpecNode.FromJson(json));
    }

    /// <summary>
    /// Checks the mapping against the object it imports into: the object name, <see cref="MatchOn"/>, every
    /// target field path (standard, nested, custom, externalIds, relation keys) and that date and number
    /// formats sit on fields of those kinds.
    /// </summary>
    /// <exception cref="MappingException">The first problem found.</exception>
    public void Validate(ObjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Resolve(new TargetCatalog(schema));
    }

    /// <summary>The resolved target of every field entry, in order; throws on the first problem.</summary>
    internal MappingTarget[] Resolve(TargetCatalog catalog)
    {
        var schema = catalog.Schema;
        if (Object is { } name && !string.Equals(name, schema.Name, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(name, schema.Definition.Singular, StringComparison.OrdinalIgnoreCase))
            throw new MappingException($"The mapping is written for '{name}' but the import is into '{schema.Name}'.");
        if (MatchOn is { } match)
        {
            var target = catalog.Resolve(match);
            if (target is null || !target.CanMatchOn)
                throw new MappingException($"match_on: '{match}' is not a field of {schema.Name} that identifies a record (use id, a field such as email or domain, or externalIds.<system>).");
        }
        var targets = new MappingTarget[Fields.Count];
        var seen = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            var field = Fields[i];
            var target = catalog.Resolve(field.Target)
                ?? throw new MappingException($"Mapping field '{field.Target}'{field.Where}: {catalog.Explain(field.Target)}", field.Target, field.Line);
            if (seen.TryGetValue(target.Path, out var other))
                throw new MappingException(
                    $"Mapping field '{field.Target}'{field.Where}: maps to {target.Path}, which '{other.Target}'{other.Where} maps already.", field.Target, field.Line);
            seen[target.Path] = field;
            var kind = target.Kind == TargetKind.Value ? target.ValueKind : (FieldKind?)null;
            if (field.AnyDatePattern is not null && kind is not (FieldKind.Date or FieldKind.DateTime))
                throw new MappingException(
                    $"Mapping field '{field.Target}'{field.Where}: date_format and datetime_format apply to date and date-time fields; {target.Path} is {target.Describe()}.", field.Target, field.Line);
            if (field.NumberFormat is not null && kind is not (FieldKind.Integer or FieldKind.Decimal or FieldKind.Money))
                throw new MappingException(
                    $"Mapping field '{field.Target}'{field.Where}: number_format applies to number fields; {target.Path} is {target.Describe()}.", field.Target, field.Line);
            targets[i] = target;
        }
        return targets;
    }

    internal static MappingException Fail(SpecNode node, string? field, string problem) =>
        field is null
            ? new MappingException($"Mapping{node.Where}: {problem}.", null, node.Line)
            : new MappingException($"Mapping field '{field}'{node.Where}: {problem}.", field, node.Line);

    private static ImportMapping FromSpec(SpecNode root)
    {
        if (root.IsNull) return Empty;
        if (root.Kind != SpecNodeKind.Map) throw Fail(root, null, "expected a map of settings (object, match_on, on_duplicate, unmapped, fields)");
        string? obj = null, matchOn = null;
        DuplicatePolicy? onDuplicate = null;
        var unmapped = UnmappedPolicy.Ignore;
        var fields = new List<FieldMapping>();
        foreach (var (key, value) in root.Entries)
        {
            switch (key)
            {
                case "object":
                    obj = Scalar(value, "object must be an object name such as contacts");
                    break;
                case "match_on":
                    matchOn = Scalar(value, "match_on must be a field name such as email");
                    break;
                case "on_duplicate":
                    onDuplicate = Scalar(value, "on_duplicate must be skip, update or merge").Trim().ToLowerInvariant() switch
                    {
                        "skip" => DuplicatePolicy.Skip,
                        "update" => DuplicatePolicy.Update,
                        "merge" => DuplicatePolicy.Merge,
                        var other => throw Fail(value, null, $"on_duplicate must be skip, update or merge, not '{other}'"),
                    };
                    break;
                case "unmapped":
                    unmapped = Scalar(value, "unmapped must be ignore or error").Trim().ToLowerInvariant() switch
                    {
                        "ignore" => UnmappedPolicy.Ignore,
                        "error" => UnmappedPolicy.Error,
                        var other => throw Fail(value, null, $"unmapped must be ignore or error, not '{other}'"),
                    };
                    break;
                case "fields":
                    if (value.IsNull) break;
                    if (value.Kind != SpecNodeKind.Map) throw Fail(value, null, "fields must be a map of target field → column or settings");
                    foreach (var (target, spec) in value.Entries) fields.Add(FieldMapping.Parse(target, spec));
                    break;
                default:
                    throw Fail(value, null, $"unknown setting '{key}' (known: {string.Join(", ", TopKeys)})");
            }
        }
        return new ImportMapping { Object = obj, MatchOn = matchOn, OnDuplicate = onDuplicate, Unmapped = unmapped, Fields = fields };

        static string Scalar(SpecNode node, string problem) =>
            node is { Kind: SpecNodeKind.Scalar, Text: { } text } && text.Trim().Length > 0 ? text.Trim() : throw Fail(node, null, problem);
    }
}
