using Rapport.Integration.Dedupe.Comparison;

namespace Rapport.Integration.Dedupe.Training;

/// <summary>
/// Packs a comparison vector (one level per field, or missing) into one 128-bit number. Training counts
/// distinct vectors instead of keeping pairs, so EM iterates over a few thousand patterns however many
/// millions of pairs were compared.
/// </summary>
internal sealed class PatternCodec
{
    private readonly int[] _radix;

    public PatternCodec(PairComparer comparer)
    {
        _radix = new int[comparer.FieldCount];
        var capacity = UInt128.One;
        for (var f = 0; f < _radix.Length; f++)
        {
            _radix[f] = comparer[f].Levels.Count + 1;
            capacity = checked(capacity * (UInt128)_radix[f]);
        }
    }

    public int FieldCount => _radix.Length;

    public UInt128 Encode(ReadOnlySpan<sbyte> levels)
    {
        UInt128 key = 0;
        for (var f = _radix.Length - 1; f >= 0; f--) key = key * (uint)_radix[f] + (uint)(levels[f] + 1);
        return key;
    }

    public void Decode(UInt128 key, Span<sbyte> levels)
    {
        for (var f = 0; f < _radix.Length; f++)
        {
            var radix = (uint)_radix[f];
            levels[f] = (sbyte)((int)(uint)(key % radix) - 1);
            key /= radix;
        }
    }
}
