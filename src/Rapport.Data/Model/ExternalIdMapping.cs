namespace Rapport.Data.Model;

/// <summary>Maps an id in an external system to a record (table <c>external_ids</c>).</summary>
public sealed class ExternalIdMapping
{
    /// <summary>The object's plural API name (<c>contacts</c>).</summary>
    public string Object { get; set; } = "";

    /// <summary>The external system's name.</summary>
    public string System { get; set; } = "";

    /// <summary>The id in that system (column <c>external_id</c>).</summary>
    public string ExternalId { get; set; } = "";

    public Guid RecordId { get; set; }
}
