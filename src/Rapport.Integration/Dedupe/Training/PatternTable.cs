namespace Rapport.Integration.Dedupe.Training;

/// <summary>Distinct comparison vectors with their (possibly weighted) counts, in a fixed order so EM is deterministic.</summary>
internal sealed class PatternTable
{
    private PatternTable(sbyte[] levels, double[] counts, int fieldCount)
    {
        Levels = levels;
        Counts = counts;
        FieldCount = fieldCount;
    }

    /// <summary>Pattern p's level of field f is at p * FieldCount + f.</summary>
    public sbyte[] Levels { get; }

    public double[] Counts { get; }

    public int FieldCount { get; }

    public int Count => Counts.Length;

    public double Total
    {
        get
        {
            var total = 0.0;
            foreach (var c in Counts) total += c;
            return total;
        }
    }

    public static PatternTable From(Dictionary<UInt128, double> counts, PatternCodec codec)
    {
        var keys = counts.Keys.ToArray();
        Array.Sort(keys);
        var f = codec.FieldCount;
        var levels = new sbyte[keys.Length * f];
        var weights = new double[keys.Length];
        for (var p = 0; p < keys.Length; p++)
        {
            codec.Decode(keys[p], levels.AsSpan(p * f, f));
            weights[p] = counts[keys[p]];
        }
        return new PatternTable(levels, weights, f);
    }
}
