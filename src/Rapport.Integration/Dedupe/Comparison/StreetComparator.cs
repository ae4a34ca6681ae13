using System.Globalization;
using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Street lines, with the street name and the house number compared apart: close (same street, numbers
/// equal, one typo apart, or one missing), same street (another number: a neighbour, or a move within
/// the street), similar (the whole line Jaro-Winkler ≥ 0.80), else.
/// </summary>
internal sealed class StreetComparator() : FieldComparator(LevelNames.Exact, LevelNames.Close, LevelNames.SameStreet, LevelNames.Similar, LevelNames.Else)
{
    public override int Compare(in ValueInfo a, in ValueInfo b)
    {
        var nameA = a.Alt ?? a.Text;
        var nameB = b.Alt ?? b.Text;
        if (nameA.Length > 0 && nameB.Length > 0 && (nameA == nameB || JaroWinkler.Similarity(nameA, nameB) >= 0.92))
        {
            return NumbersAgree(a.Code, b.Code) ? 1 : 2;
        }
        return JaroWinkler.Similarity(a.Text, b.Text) >= 0.80 ? 3 : 4;
    }

    private static bool NumbersAgree(ulong a, ulong b)
    {
        if (a == b || a == 0 || b == 0) return true;
        Span<char> x = stackalloc char[20];
        Span<char> y = stackalloc char[20];
        a.TryFormat(x, out var lx, provider: CultureInfo.InvariantCulture);
        b.TryFormat(y, out var ly, provider: CultureInfo.InvariantCulture);
        return EditDistance.WithinOne(x[..lx], y[..ly]);
    }
}
