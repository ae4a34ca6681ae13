using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Blocking;

/// <summary>
/// Finds, for a record outside the indexed table, the indexed records one rule would compare it with:
/// its whole block, or in an oversized block the <see cref="RuleBlocks.Window"/> neighbours on either
/// side of where its sort key would fall. Binary searches over the rule's sorted order, nothing more.
/// </summary>
internal static class BlockLookup
{
    public static (int Start, int End) Candidates(RuleBlocks blocks, FeatureSet probe, int row, FeatureSet indexed)
    {
        var key = blocks.Rule.Key(probe, row);
        if (key == 0) return (0, 0);
        var order = blocks.Order;
        var keys = blocks.Keys;
        var start = LowerBound(0, order.Length, i => keys[order[i]] < key);
        var end = LowerBound(start, order.Length, i => keys[order[i]] <= key);
        if (end - start <= blocks.MaxBlock) return (start, end);
        var sort = blocks.Rule.SortKey(probe, row);
        var at = LowerBound(start, end, i => blocks.Rule.SortKey(indexed, order[i]) < sort);
        return (Math.Max(start, at - blocks.Window), Math.Min(end, at + blocks.Window));
    }

    private static int LowerBound(int low, int high, Func<int, bool> before)
    {
        while (low < high)
        {
            var mid = low + (high - low) / 2;
            if (before(mid)) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
