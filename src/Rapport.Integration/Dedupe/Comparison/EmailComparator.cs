using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Email addresses: the same mailbox name at another domain (a private and a work address), one typo
/// apart, else. The two are kept apart because they mean different things: namesakes at one provider
/// often differ by a digit ("john.smith2"), while the same mailbox name elsewhere is rare by chance.
/// </summary>
internal sealed class EmailComparator() : FieldComparator(LevelNames.Exact, LevelNames.SameMailbox, LevelNames.OneEdit, LevelNames.Else)
{
    public override int Compare(in ValueInfo a, in ValueInfo b)
    {
        var x = a.Text.AsSpan();
        var y = b.Text.AsSpan();
        var atX = x.LastIndexOf('@');
        var atY = y.LastIndexOf('@');
        if (atX > 0 && atX == atY && x[..atX].SequenceEqual(y[..atY])) return 1;
        return Math.Min(x.Length, y.Length) >= 6 && EditDistance.WithinOne(x, y) ? 2 : 3;
    }
}
