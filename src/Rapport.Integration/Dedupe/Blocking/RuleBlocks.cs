using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Blocking;

/// <summary>
/// The blocks of one rule: records sorted by (block key, sort key), each record's position and block
/// size. From these, whether the rule generates a given pair is a constant-time test, which is how
/// pairs found by several OR-ed rules are compared once without ever storing the candidate pairs.
/// </summary>
internal sealed class RuleBlocks
{
    private RuleBlocks(CompiledRule rule, ulong[] keys, int[] order, int[] position, int[] blockSize, int maxBlock, int window)
    {
        Rule = rule;
        Keys = keys;
        Order = order;
        Position = position;
        BlockSize = blockSize;
        MaxBlock = maxBlock;
        Window = window;
    }

    public CompiledRule Rule { get; }

    /// <summary>Block key per record; 0 when the record has no key under this rule.</summary>
    public ulong[] Keys { get; }

    /// <summary>The records with a key, sorted by block key and then sort key.</summary>
    public int[] Order { get; }

    public int[] Position { get; }

    public int[] BlockSize { get; }

    public int MaxBlock { get; }

    public int Window { get; }

    public static RuleBlocks Build(FeatureSet set, CompiledRule rule, int maxBlock, int window)
    {
        var n = set.Count;
        var keys = new ulong[n];
        var entries = new List<Entry>(n);
        for (var row = 0; row < n; row++)
        {
            var key = rule.Key(set, row);
            keys[row] = key;
            if (key != 0) entries.Add(new Entry(key, rule.SortKey(set, row), row));
        }
        var sorted = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries);
        sorted.Sort(new EntryOrder());

        var order = new int[sorted.Length];
        var position = new int[n];
        var blockSize = new int[n];
        Array.Fill(position, -1);
        var start = 0;
        while (start < sorted.Length)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end].Key == sorted[start].Key) end++;
            for (var i = start; i < end; i++)
            {
                var row = sorted[i].Row;
                order[i] = row;
                position[row] = i;
                blockSize[row] = end - start;
            }
            start = end;
        }
        return new RuleBlocks(rule, keys, order, position, blockSize, maxBlock, window);
    }

    /// <summary>Whether this rule puts <paramref name="a"/> and <paramref name="b"/> into one comparison.</summary>
    public bool Generates(int a, int b)
    {
        var key = Keys[a];
        if (key == 0 || key != Keys[b]) return false;
        return BlockSize[a] <= MaxBlock || Math.Abs(Position[a] - Position[b]) <= Window;
    }

    /// <summary>How many pairs the rule generates.</summary>
    public long PairCount()
    {
        long pairs = 0;
        var start = 0;
        while (start < Order.Length)
        {
            var size = BlockSize[Order[start]];
            pairs += size <= MaxBlock
                ? (long)size * (size - 1) / 2
                : (long)(size - Window) * Window + (long)Window * (Window - 1) / 2;
            start += size;
        }
        return pairs;
    }

    /// <summary>Splits <see cref="Order"/> into about <paramref name="parts"/> ranges that start and end at block edges.</summary>
    public List<(int Start, int End)> Partition(int parts)
    {
        var ranges = new List<(int, int)>();
        var step = Math.Max(1, Order.Length / Math.Max(1, parts));
        var start = 0;
        while (start < Order.Length)
        {
            var end = Math.Min(Order.Length, start + step);
            while (end < Order.Length && Keys[Order[end]] == Keys[Order[end - 1]]) end++;
            ranges.Add((start, end));
            start = end;
        }
        return ranges;
    }

    private readonly record struct Entry(ulong Key, ulong Sort, int Row);

    private readonly struct EntryOrder : IComparer<Entry>
    {
        public int Compare(Entry x, Entry y)
        {
            var c = x.Key.CompareTo(y.Key);
            if (c != 0) return c;
            c = x.Sort.CompareTo(y.Sort);
            return c != 0 ? c : x.Row.CompareTo(y.Row);
        }
    }
}
