using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Ids in another system: equal ids are strong evidence of one record; different ids weigh nothing
/// (their m is set to their u), since the other system may hold the very duplicate being looked for
/// under two ids. Not trained by EM: one table never holds one system id twice, so the data cannot
/// show how duplicates agree on it.
/// </summary>
internal sealed class ExternalIdComparator() : FieldComparator(LevelNames.Exact, LevelNames.Different)
{
    public override bool Trainable => false;

    public override bool IsNeutral(int level) => level == 1;

    public override int Compare(in ValueInfo a, in ValueInfo b) => 1;
}
