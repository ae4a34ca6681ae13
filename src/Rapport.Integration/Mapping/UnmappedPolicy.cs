namespace Rapport.Integration.Mapping;

/// <summary>What happens to a source column that maps to no field.</summary>
public enum UnmappedPolicy
{
    /// <summary>The column is skipped (the default).</summary>
    Ignore,

    /// <summary>The job fails before the first row, naming the columns.</summary>
    Error,
}
