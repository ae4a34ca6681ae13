using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Person names: close (Jaro-Winkler ≥ 0.92, or nickname variants), similar (≥ 0.80, same NYSIIS code,
/// an initial, or one name a word of the other: "Mary" / "Mary Ann"). When the field has a partner
/// (first and last name) a "swapped" level is added, set by <see cref="PairComparer"/> when the value
/// agrees with the other record's partner field instead.
/// </summary>
internal sealed class NameComparator(bool swappable) : FieldComparator(swappable
    ? [LevelNames.Exact, LevelNames.Close, LevelNames.Swapped, LevelNames.Similar, LevelNames.Else]
    : [LevelNames.Exact, LevelNames.Close, LevelNames.Similar, LevelNames.Else])
{
    public const double CloseSimilarity = 0.92;
    private const double SimilarSimilarity = 0.80;

    /// <summary>The "swapped" level, or -1 when the field has no partner.</summary>
    public int SwappedLevel { get; } = swappable ? 2 : -1;

    private int SimilarLevel => swappable ? 3 : 2;

    public override int Compare(in ValueInfo a, in ValueInfo b)
    {
        var similarity = JaroWinkler.Similarity(a.Text, b.Text);
        if (similarity >= CloseSimilarity || Nicknames.Related(a.Text, b.Text)) return 1;
        if (similarity >= SimilarSimilarity || (a.Code != 0 && a.Code == b.Code) || Initial(a.Text, b.Text) || Initial(b.Text, a.Text)
            || WordOf(a.Text, b.Text) || WordOf(b.Text, a.Text))
        {
            return SimilarLevel;
        }
        return Else;
    }

    /// <summary>Whether a value agrees closely with another field's value (the swap test).</summary>
    public static bool Agrees(string a, string b) =>
        a.Length > 0 && b.Length > 0 && a[0] == b[0] && (a == b || JaroWinkler.Similarity(a, b) >= CloseSimilarity);

    private static bool Initial(string initial, string name) => initial.Length == 1 && name[0] == initial[0];

    private static bool WordOf(string word, string text)
    {
        if (word.Length >= text.Length || !text.Contains(' ', StringComparison.Ordinal)) return false;
        var at = text.IndexOf(word, StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = at + word.Length;
            if ((at == 0 || text[at - 1] == ' ') && (end == text.Length || text[end] == ' ')) return true;
            at = text.IndexOf(word, at + 1, StringComparison.Ordinal);
        }
        return false;
    }
}
