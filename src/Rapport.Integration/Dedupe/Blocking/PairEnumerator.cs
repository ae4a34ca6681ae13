namespace Rapport.Integration.Dedupe.Blocking;

/// <summary>
/// Walks the blocks in a range of a rule's sorted order: every pair of a small block, and in an oversized
/// block each record with its next <see cref="RuleBlocks.Window"/> neighbours (sorted neighbourhood).
/// </summary>
internal static class PairEnumerator
{
    public static void Enumerate<TVisitor>(RuleBlocks blocks, int start, int end, ref TVisitor visitor)
        where TVisitor : struct, IPairVisitor
    {
        var order = blocks.Order;
        var sizes = blocks.BlockSize;
        var i = start;
        while (i < end)
        {
            var size = sizes[order[i]];
            var blockEnd = i + size;
            var reach = size <= blocks.MaxBlock ? size : blocks.Window + 1;
            for (var x = i; x < blockEnd; x++)
            {
                var a = order[x];
                var last = Math.Min(blockEnd, x + reach);
                for (var y = x + 1; y < last; y++) visitor.Visit(a, order[y]);
            }
            i = blockEnd;
        }
    }
}
