namespace Rapport.Domain.Metadata;

/// <summary>Short constructors for the standard field catalogue in <see cref="StandardObjects"/>.</summary>
internal static class F
{
    public static string Snake(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        foreach (var ch in name)
        {
            if (char.IsUpper(ch)) { sb.Append('_').Append(char.ToLowerInvariant(ch)); }
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    public static FieldDef Text(string name, int max = 255, bool required = false, bool searchable = false, bool column = true) =>
        new() { Name = name, Kind = FieldKind.Text, MaxLength = max, Required = required, Searchable = searchable, Column = column ? Snake(name) : null };

    public static FieldDef LongText(string name, int max = 32_000, bool column = true) =>
        new() { Name = name, Kind = FieldKind.Text, MaxLength = max, Column = column ? Snake(name) : null };

    public static FieldDef Of(FieldKind kind, string name, bool column = true, bool required = false, int max = 255) =>
        new() { Name = name, Kind = kind, Column = column ? Snake(name) : null, Required = required, MaxLength = max };

    public static FieldDef Pick(string name, string[] options, bool required = false, bool column = true, string? defaultValue = null) =>
        new()
        {
            Name = name, Kind = FieldKind.Picklist, Options = options, Required = required, Column = column ? Snake(name) : null,
            Default = defaultValue is null ? null : System.Text.Json.Nodes.JsonValue.Create(defaultValue),
        };

    public static FieldDef Ref(string name, string target, bool required = false, bool column = true) =>
        new() { Name = name, Kind = FieldKind.Reference, Target = target, Required = required, Column = column ? Snake(name) : null };

    public static FieldDef Num(FieldKind kind, string name, decimal? min = null, decimal? max = null, bool column = true, bool required = false) =>
        new() { Name = name, Kind = kind, Min = min, Max = max, Column = column ? Snake(name) : null, Required = required };

    public static FieldDef Obj(string name, IReadOnlyList<FieldDef> children, bool column = true) =>
        new() { Name = name, Kind = FieldKind.Object, Children = children, Column = column ? Snake(name) : null };

    public static FieldDef Arr(string name, string itemName, IReadOnlyList<FieldDef> item, int maxItems = 100,
        string? primaryColumn = null, string? primaryProperty = null) =>
        new()
        {
            Name = name, Kind = FieldKind.Array, ItemName = itemName, Children = item, MaxItems = maxItems,
            Column = Snake(name), PrimaryColumn = primaryColumn, PrimaryProperty = primaryProperty,
        };
}
