namespace Rapport.Integration.Dedupe;

/// <summary>
/// Records are compared only when they agree on every key of at least one rule, which keeps the number
/// of comparisons near-linear in the number of records. Rules are OR-ed: a pair found by several rules
/// is compared once. A block larger than <see cref="MatchConfig.MaxBlockSize"/> is sorted by
/// <see cref="SortBy"/> (or a field the configuration picks) and each record is compared only with its
/// nearest neighbours, so a common value such as "Smith" cannot make the cost explode.
/// </summary>
public sealed class BlockingRule
{
    public BlockingRule(IReadOnlyList<BlockingKey> keys, IReadOnlyList<string>? sortBy = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0) throw new ArgumentException("A blocking rule needs at least one key.", nameof(keys));
        Keys = keys.ToArray();
        SortBy = sortBy?.ToArray() ?? [];
    }

    public IReadOnlyList<BlockingKey> Keys { get; }

    /// <summary>Fields that order an oversized block before neighbours are compared; empty to let the configuration choose.</summary>
    public IReadOnlyList<string> SortBy { get; }

    public override string ToString() => string.Join(" & ", Keys);

    /// <summary>Reads "phonetic(lastName) &amp; initial(firstName)", the form <see cref="ToString"/> writes.</summary>
    public static BlockingRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new FormatException("An empty blocking rule.");
        return new BlockingRule(Array.ConvertAll(parts, BlockingKey.Parse));
    }
}
