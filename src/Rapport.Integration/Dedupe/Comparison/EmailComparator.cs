using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>Email addresses: close (the same mailbox name at another domain, or one typo), else.</summary>
internal sealed class EmailComparator() : FieldComparator(LevelNames.Exact, LevelNames.Close, LevelNames.Else)
{
    public override int Compare(in ValueInfo a, in ValueInfo b)
    {
        var x = a.Text.AsSpan();
        var y = b.Text.AsSpan();
        var atX = x.LastIndexOf('@');
        var atY = y.LastIndexOf('@');
        if (atX > 0 && atX == atY && x[..atX].SequenceEqual(y[..atY])) return 1;
        return Math.Min(x.Length, y.Length) >= 6 && EditDistance.WithinOne(x, y) ? 1 : 2;
    }
}
