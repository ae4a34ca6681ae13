using Rapport.Integration.Dedupe.Profiling;

namespace Rapport.Integration.Dedupe;

/// <summary>
/// What to compare and which pairs to look at, plus the knobs of the engine. <see cref="Default"/>
/// derives everything from the field kinds and a profile of the data, so an admin picks fields, not
/// weights: the weights are learned from the data on every scan.
/// </summary>
public sealed class MatchConfig
{
    public MatchConfig(IReadOnlyList<MatchField> fields, IReadOnlyList<BlockingRule> blockingRules)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(blockingRules);
        if (fields.Count == 0) throw new ArgumentException("Nothing to compare: no fields.", nameof(fields));
        if (fields.Count > MaxFields) throw new ArgumentException($"At most {MaxFields} fields can be compared.", nameof(fields));
        if (blockingRules.Count == 0) throw new ArgumentException("At least one blocking rule is needed.", nameof(blockingRules));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!names.Add(field.Name)) throw new ArgumentException($"Field '{field.Name}' is listed twice.", nameof(fields));
        }
        foreach (var rule in blockingRules)
        {
            foreach (var key in rule.Keys)
            {
                var field = fields.FirstOrDefault(f => f.Name == key.Field)
                    ?? throw new ArgumentException($"Blocking rule '{rule}' uses '{key.Field}', which is not compared.", nameof(blockingRules));
                if (key.Transform == BlockingTransform.Phonetic && field.Kind is not (MatchKind.Name or MatchKind.Text or MatchKind.CompanyName))
                {
                    throw new ArgumentException($"Blocking rule '{rule}': phonetic codes exist only for names and text.", nameof(blockingRules));
                }
                if (key.Transform == BlockingTransform.Year && field.Kind != MatchKind.Date)
                {
                    throw new ArgumentException($"Blocking rule '{rule}': only dates have a year.", nameof(blockingRules));
                }
            }
            foreach (var sort in rule.SortBy)
            {
                if (!names.Contains(sort)) throw new ArgumentException($"Blocking rule '{rule}' sorts by '{sort}', which is not compared.", nameof(blockingRules));
            }
        }
        Fields = fields.ToArray();
        BlockingRules = blockingRules.ToArray();
    }

    /// <summary>Most fields compared at once: a pair's agreement pattern must fit 128 bits, its matched fields 64.</summary>
    public const int MaxFields = 40;

    public IReadOnlyList<MatchField> Fields { get; }

    public IReadOnlyList<BlockingRule> BlockingRules { get; }

    /// <summary>
    /// A given-name and a family-name field whose values are also compared crosswise, because the two
    /// are often entered the wrong way round. Set by <see cref="Default"/> when there are exactly two
    /// <see cref="MatchKind.Name"/> fields.
    /// </summary>
    public (string First, string Last)? SwappableNames
    {
        get;
        init
        {
            if (value is { } pair && (Kind(pair.First) != MatchKind.Name || Kind(pair.Last) != MatchKind.Name || pair.First == pair.Last))
            {
                throw new ArgumentException("Swappable names must be two different Name fields.", nameof(value));
            }
            field = value;
        }
    }

    /// <summary>Match probability from which a pair is reported and joins a cluster.</summary>
    public double Threshold
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Between 0 and 1.");
    } = 0.9;

    /// <summary>Blocks up to this size are compared pair by pair; larger ones only within <see cref="Window"/>.</summary>
    public int MaxBlockSize
    {
        get;
        init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least 2.");
    } = 50;

    /// <summary>How many following neighbours each record of an oversized block is compared with.</summary>
    public int Window
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least 1.");
    } = 10;

    /// <summary>Most random pairs drawn to learn how often unrelated records agree (u); smaller tables use about a hundred per record.</summary>
    public int RandomPairs
    {
        get;
        init => field = value >= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least 1000.");
    } = 1_000_000;

    /// <summary>Most candidate pairs of one blocking rule that EM trains on (a deterministic sample beyond).</summary>
    public int TrainingPairsPerRule
    {
        get;
        init => field = value >= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least 1000.");
    } = 200_000;

    /// <summary>
    /// Weigh exact agreement on a value by how rare the value is ("Smith" counts less than "Sondergeld").
    /// Applies to names, text, streets, postcodes and exact values, whose values repeat naturally.
    /// </summary>
    public bool TermFrequencies { get; init; } = true;

    /// <summary>Threads used; 0 means one per processor.</summary>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Not negative.");
    }

    internal int Parallelism => MaxDegreeOfParallelism == 0 ? Environment.ProcessorCount : MaxDegreeOfParallelism;

    /// <summary>
    /// The configuration for these fields: kinds refined by a profile of <paramref name="profileSample"/>
    /// (a text field holding only digits is compared as an identifier, one holding dates as a date),
    /// blocking rules derived from the kinds present, first and last name marked as swappable.
    /// </summary>
    public static MatchConfig Default(IReadOnlyList<MatchField> fields, MatchTable? profileSample = null) =>
        DefaultConfig.Create(fields, profileSample);

    internal int FieldIndex(string name)
    {
        for (var f = 0; f < Fields.Count; f++)
        {
            if (Fields[f].Name == name) return f;
        }
        return -1;
    }

    private MatchKind? Kind(string name) => Fields.FirstOrDefault(f => f.Name == name)?.Kind;
}
