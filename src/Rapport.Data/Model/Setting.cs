namespace Rapport.Data.Model;

/// <summary>One key/value setting (table <c>settings</c>).</summary>
public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
