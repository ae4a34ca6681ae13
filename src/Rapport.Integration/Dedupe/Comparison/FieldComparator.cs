using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>
/// Sorts a pair of values of one kind into agreement levels, best first and "else" last. Fellegi-Sunter
/// learns how likely each level is among duplicates (m) and among random pairs (u), so a comparator
/// only has to name distinctions that might matter; the data decides how much each one weighs.
/// </summary>
internal abstract class FieldComparator(params string[] levels)
{
    /// <summary>The level of a pair with a value missing: it tells nothing.</summary>
    public const int Neutral = -1;

    public IReadOnlyList<string> Levels { get; } = levels;

    public int Else => Levels.Count - 1;

    /// <summary>Whether EM learns this field's m; otherwise <see cref="StartingM"/> stays.</summary>
    public virtual bool Trainable => true;

    /// <summary>Whether a level is no evidence either way (its weight is forced to 0).</summary>
    public virtual bool IsNeutral(int level) => false;

    /// <summary>The level of two present values with different ids (equal ids are level 0 without asking).</summary>
    public abstract int Compare(in ValueInfo a, in ValueInfo b);

    /// <summary>Where EM starts: duplicates mostly agree exactly and rarely disagree.</summary>
    public virtual double[] StartingM()
    {
        var m = new double[Levels.Count];
        m[0] = m.Length == 2 ? 0.95 : 0.7;
        m[^1] = 0.05;
        for (var l = 1; l < m.Length - 1; l++) m[l] = 0.25 / (m.Length - 2);
        return m;
    }
}
