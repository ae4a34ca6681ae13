using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Free text and company names: close (Jaro-Winkler ≥ 0.92, also with the words sorted, so "Centre
/// Professional" meets "Professional Centre"), similar (≥ 0.80), else.
/// </summary>
internal sealed class TextComparator() : FieldComparator(LevelNames.Exact, LevelNames.Close, LevelNames.Similar, LevelNames.Else)
{
    public override int Compare(in ValueInfo a, in ValueInfo b)
    {
        var similarity = JaroWinkler.Similarity(a.Text, b.Text);
        if (similarity >= 0.92) return 1;
        if ((a.Alt is not null || b.Alt is not null) && JaroWinkler.Similarity(a.Alt ?? a.Text, b.Alt ?? b.Text) >= 0.92) return 1;
        return similarity >= 0.80 ? 2 : 3;
    }
}
