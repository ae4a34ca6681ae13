using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Dates: day and month transposed (the US/European confusion), one component off (two of year, month
/// and day agree, or one typo in the digits), same year, else. Values that are not valid dates are
/// compared as digit strings (one typo apart counts as one component off).
/// </summary>
internal sealed class DateComparator() : FieldComparator(LevelNames.Exact, LevelNames.Transposed, LevelNames.OneOff, LevelNames.SameYear, LevelNames.Else)
{
    public override int Compare(in ValueInfo a, in ValueInfo b)
    {
        if (a.Code == 0 || b.Code == 0) return EditDistance.WithinOne(a.Text, b.Text) ? 2 : 4;
        int da = (int)a.Code, db = (int)b.Code;
        int ya = da / 10000, ma = da / 100 % 100, dayA = da % 100;
        int yb = db / 10000, mb = db / 100 % 100, dayB = db % 100;
        if (ya == yb && ma == dayB && dayA == mb) return 1;
        var agreeing = (ya == yb ? 1 : 0) + (ma == mb ? 1 : 0) + (dayA == dayB ? 1 : 0);
        if (agreeing == 2 || EditDistance.WithinOne(a.Text, b.Text)) return 2;
        return ya == yb ? 3 : 4;
    }
}
