using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>Numbers: one wrong or transposed digit, within one percent, else.</summary>
internal sealed class NumberComparator() : FieldComparator(LevelNames.Exact, LevelNames.OneEdit, LevelNames.Near, LevelNames.Else)
{
    public override int Compare(in ValueInfo a, in ValueInfo b)
    {
        if (a.Alt is null || b.Alt is null) return EditDistance.WithinOne(a.Text, b.Text) ? 1 : 3;
        var x = BitConverter.Int64BitsToDouble((long)a.Code);
        var y = BitConverter.Int64BitsToDouble((long)b.Code);
        if (x == y) return 0;
        if (EditDistance.WithinOne(a.Text, b.Text)) return 1;
        return Math.Abs(x - y) <= 0.01 * Math.Max(Math.Abs(x), Math.Abs(y)) ? 2 : 3;
    }
}
