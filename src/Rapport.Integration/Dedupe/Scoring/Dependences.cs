namespace Rapport.Integration.Dedupe.Scoring;

/// <summary>A model's field dependences resolved to field positions, applied to comparison vectors.</summary>
internal sealed class Dependences
{
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly int[] _columns;
    private readonly double[][] _bits;

    public Dependences(IReadOnlyList<FieldDependence> dependences, IReadOnlyList<MatchField> fields)
    {
        _a = new int[dependences.Count];
        _b = new int[dependences.Count];
        _columns = new int[dependences.Count];
        _bits = new double[dependences.Count][];
        for (var e = 0; e < dependences.Count; e++)
        {
            var d = dependences[e];
            _a[e] = IndexOf(fields, d.FieldA);
            _b[e] = IndexOf(fields, d.FieldB);
            _columns[e] = d.Bits[0].Count;
            _bits[e] = d.Bits.SelectMany(row => row).ToArray();
        }
    }

    /// <summary>The most the corrections can add to a pair's evidence.</summary>
    public double MaxBits => _bits.Sum(table => Math.Max(0, table.DefaultIfEmpty().Max()));

    /// <summary>Bits to add for the edges whose two fields are present.</summary>
    public double Bits(ReadOnlySpan<sbyte> levels)
    {
        var sum = 0.0;
        for (var e = 0; e < _a.Length; e++)
        {
            var la = levels[_a[e]];
            var lb = levels[_b[e]];
            if (la >= 0 && lb >= 0) sum += _bits[e][la * _columns[e] + lb];
        }
        return sum;
    }

    /// <summary>Bits of the edges touching at least one active field (an EM session's view).</summary>
    public double Bits(ReadOnlySpan<sbyte> levels, bool[] active)
    {
        var sum = 0.0;
        for (var e = 0; e < _a.Length; e++)
        {
            if (!active[_a[e]] && !active[_b[e]]) continue;
            var la = levels[_a[e]];
            var lb = levels[_b[e]];
            if (la >= 0 && lb >= 0) sum += _bits[e][la * _columns[e] + lb];
        }
        return sum;
    }

    private static int IndexOf(IReadOnlyList<MatchField> fields, string name)
    {
        for (var f = 0; f < fields.Count; f++)
        {
            if (fields[f].Name == name) return f;
        }
        throw new ArgumentException($"The model depends on an unknown field '{name}'.");
    }
}
