using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Compares two records field by field into a vector of agreement levels, the input of both training
/// and scoring. Missing values are <see cref="FieldComparator.Neutral"/>, equal value ids are level 0
/// without any string work, and the name swap test runs only when the direct comparison failed.
/// </summary>
internal sealed class PairComparer
{
    private readonly FieldComparator[] _comparators;
    private readonly int[] _partner;
    private readonly int[] _swappedLevel;

    public PairComparer(MatchConfig config)
    {
        var fields = config.Fields;
        _comparators = new FieldComparator[fields.Count];
        _partner = new int[fields.Count];
        _swappedLevel = new int[fields.Count];
        var swap = config.SwappableNames;
        for (var f = 0; f < fields.Count; f++)
        {
            _partner[f] = -1;
            if (swap is { } pair && fields[f].Name == pair.First) _partner[f] = config.FieldIndex(pair.Last);
            if (swap is { } other && fields[f].Name == other.Last) _partner[f] = config.FieldIndex(other.First);
            var comparator = Comparators.For(fields[f].Kind, _partner[f] >= 0);
            _comparators[f] = comparator;
            _swappedLevel[f] = comparator is NameComparator name ? name.SwappedLevel : -1;
        }
    }

    public int FieldCount => _comparators.Length;

    public FieldComparator this[int field] => _comparators[field];

    /// <summary>Fills <paramref name="levels"/> for record <paramref name="a"/> of <paramref name="left"/> and <paramref name="b"/> of <paramref name="right"/>.</summary>
    public void Compare(FeatureSet left, int a, FeatureSet right, int b, Span<sbyte> levels)
    {
        for (var f = 0; f < _comparators.Length; f++) levels[f] = (sbyte)Level(f, left, a, right, b);
    }

    /// <summary>The level of one field of the pair.</summary>
    public int Level(int f, FeatureSet left, int a, FeatureSet right, int b)
    {
        var width = _comparators.Length;
        var ida = left.Rows[a * width + f];
        var idb = right.Rows[b * width + f];
        if (ida == 0 || idb == 0) return FieldComparator.Neutral;
        if (ida == idb) return 0;
        ref readonly var va = ref left.Columns[f].Get(ida);
        var level = _comparators[f].Compare(in va, in right.Columns[f].Get(idb));
        var swapped = _swappedLevel[f];
        if (swapped > 0 && level > swapped)
        {
            var p = _partner[f];
            var idp = right.Rows[b * width + p];
            if (idp != 0 && NameComparator.Agrees(va.Text, right.Columns[p].Get(idp).Text)) level = swapped;
        }
        return level;
    }
}
