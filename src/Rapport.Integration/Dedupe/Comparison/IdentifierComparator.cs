using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Identifiers (customer numbers, tax ids, digit-only text): one edit apart (one wrong, missing or extra
/// character, or two adjacent characters swapped), else. Codes shorter than four characters only agree
/// exactly, because any two of them are one edit apart.
/// </summary>
internal sealed class IdentifierComparator() : FieldComparator(LevelNames.Exact, LevelNames.OneEdit, LevelNames.Else)
{
    public override int Compare(in ValueInfo a, in ValueInfo b) =>
        Math.Min(a.Text.Length, b.Text.Length) >= 4 && EditDistance.WithinOne(a.Text, b.Text) ? 1 : 2;
}
