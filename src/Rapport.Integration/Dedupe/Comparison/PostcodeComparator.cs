using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Postal codes: one edit apart, the same area (the first half of the code agrees: "SW1A 1AA" and
/// "SW1A 2BB", 10115 and 10178), else.
/// </summary>
internal sealed class PostcodeComparator() : FieldComparator(LevelNames.Exact, LevelNames.OneEdit, LevelNames.Prefix, LevelNames.Else)
{
    public override int Compare(in ValueInfo a, in ValueInfo b)
    {
        if (Math.Min(a.Text.Length, b.Text.Length) >= 3 && EditDistance.WithinOne(a.Text, b.Text)) return 1;
        var area = Math.Max(2, (Math.Max(a.Text.Length, b.Text.Length) + 1) / 2);
        return a.Text.AsSpan().CommonPrefixLength(b.Text) >= area ? 2 : 3;
    }
}
