namespace Rapport.Integration.Mapping;

/// <summary>What the importer does with a row whose <c>match_on</c> key finds an existing record.</summary>
public enum DuplicatePolicy
{
    /// <summary>Leave the existing record alone.</summary>
    Skip,

    /// <summary>Overwrite the fields the row has a value for.</summary>
    Update,

    /// <summary>Fill only the fields the existing record has no value for.</summary>
    Merge,
}
