using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Phone numbers as digits: close (the last eight digits agree, as in "+49 30 1234567" and "030 1234567",
/// or one typo), else.
/// </summary>
internal sealed class PhoneComparator() : FieldComparator(LevelNames.Exact, LevelNames.Close, LevelNames.Else)
{
    private const int Subscriber = 8;

    public override int Compare(in ValueInfo a, in ValueInfo b)
    {
        var x = a.Text.AsSpan();
        var y = b.Text.AsSpan();
        if (x.Length >= Subscriber && y.Length >= Subscriber && x[^Subscriber..].SequenceEqual(y[^Subscriber..])) return 1;
        return Math.Min(x.Length, y.Length) >= 6 && EditDistance.WithinOne(x, y) ? 1 : 2;
    }
}
