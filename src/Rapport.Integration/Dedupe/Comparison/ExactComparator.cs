using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>Values that agree or not (country codes, domains, picklist values).</summary>
internal sealed class ExactComparator() : FieldComparator(LevelNames.Exact, LevelNames.Else)
{
    public override int Compare(in ValueInfo a, in ValueInfo b) => 1;
}
