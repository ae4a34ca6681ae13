namespace Rapport.Data.Model;

/// <summary>A custom field defined at runtime on a CRM object (table <c>custom_fields</c>).</summary>
public sealed class CustomField
{
    /// <summary>The object's plural API name (<c>contacts</c>).</summary>
    public string Object { get; set; } = "";

    public string Name { get; set; } = "";
    public string Label { get; set; } = "";
    public string Type { get; set; } = "";
    public bool Required { get; set; }
    public bool IsUnique { get; set; }

    /// <summary>Picklist options as a JSON array, or null.</summary>
    public string? Options { get; set; }

    public string? Pattern { get; set; }

    /// <summary>The default value as JSON, or null.</summary>
    public string? DefaultValue { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
