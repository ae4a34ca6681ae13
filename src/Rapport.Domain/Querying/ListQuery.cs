using Rapport.Domain.Metadata;

namespace Rapport.Domain.Querying;

/// <summary>A parsed, validated list request (contract §3), ready for a store to translate.</summary>
public sealed class ListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public List<Filter> Filters { get; } = [];

    /// <summary>The sort keys as asked; the store always adds the id as the final tie-breaker.</summary>
    public List<SortKey> Sorts { get; } = [];

    public int Limit { get; set; } = DefaultLimit;
    public string? Search { get; set; }

    /// <summary>Values of the sort keys and then the id of the last record of the previous page.</summary>
    public IReadOnlyList<object?>? After { get; set; }

    /// <summary>Top-level fields to return, or null for all.</summary>
    public IReadOnlySet<string>? Fields { get; set; }

    /// <summary>
    /// Whether the sort's last key is the id (only a descending id stays a key: an ascending one is the default
    /// tie-breaker). Then the store adds no second id, and a cursor carries one value per sort key.
    /// </summary>
    public bool SortEndsWithId => Sorts.Count > 0 && Sorts[^1].Field.Path == SystemFields.Id;

    public string SortSpec => string.Join(',', Sorts.Select(s => (s.Descending ? "-" : "") + s.Field.Path));
}
