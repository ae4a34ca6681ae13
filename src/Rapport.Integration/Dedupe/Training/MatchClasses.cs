using Rapport.Integration.Dedupe.Blocking;
using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Scoring;

namespace Rapport.Integration.Dedupe.Training;

/// <summary>
/// m per field and level, and r for the related class when EM found one: learned by one EM session per
/// blocking rule over that rule's sampled pairs, leaving out the fields the rule selected on (they agree
/// by construction there), and averaged over the sessions weighted by the pairs each assigned to the class.
/// </summary>
internal sealed record MatchClasses(double[][] M, double[][]? R)
{
    public static MatchClasses Estimate(
        PatternTable[] sessions, RuleBlocks[] rules, PairComparer comparer, Dependences dependences, MatchConfig config, double[][] u, double[][] start)
    {
        var fields = comparer.FieldCount;
        var shared = SharedFields(config);
        var relatedStart = new double[fields][];
        for (var f = 0; f < fields; f++)
        {
            relatedStart[f] = shared[f] ? ExpectationMaximisation.Clamped(start[f].Select((m, l) => (m + u[f][l]) / 2).ToArray()) : (double[])u[f].Clone();
        }
        var matches = new WeightedMean(start);
        var related = new WeightedMean(start);
        for (var r = 0; r < sessions.Length; r++)
        {
            var patterns = sessions[r];
            if (patterns.Count == 0) continue;
            var active = new bool[fields];
            for (var f = 0; f < fields; f++) active[f] = comparer[f].Trainable && !rules[r].Rule.Uses(f);
            if (!active.Contains(true)) continue;
            var offsets = new double[patterns.Count];
            for (var p = 0; p < offsets.Length; p++)
            {
                offsets[p] = Math.Log(2) * dependences.Bits(patterns.Levels.AsSpan(p * fields, fields), active);
            }
            var result = ExpectationMaximisation.Run(patterns, active, u, offsets, start, relatedStart, shared);
            if (!IsRelatedClass(result, active, shared, u))
            {
                result = ExpectationMaximisation.Run(patterns, active, u, offsets, start, null, null);
            }
            matches.Add(result.M, result.ExpectedMatches, active);
            if (result.R is not null) related.Add(result.R, result.ExpectedRelated, active);
        }
        return new MatchClasses(matches.Result(start), related.Any ? related.Result(u) : null);
    }

    /// <summary>
    /// Whether EM's related class found different entities sharing attributes (households, colleagues):
    /// enough pairs, and on some shared field they agree far more often than random pairs.
    /// </summary>
    private static bool IsRelatedClass(ExpectationMaximisation.Result result, bool[] active, bool[] shared, double[][] u)
    {
        if (result.R is null || result.ExpectedRelated < Math.Max(5, 0.01 * result.ExpectedMatches)) return false;
        for (var f = 0; f < active.Length; f++)
        {
            if (active[f] && shared[f] && result.R[f][0] >= 10 * u[f][0]) return true;
        }
        return false;
    }

    /// <summary>
    /// Fields that several people may share: everything except what identifies an individual (email,
    /// dates, identifiers, external ids, the given name). Without any individual field a related class
    /// could not be told from the matches, so then none is learned.
    /// </summary>
    private static bool[] SharedFields(MatchConfig config)
    {
        var shared = new bool[config.Fields.Count];
        var individual = 0;
        for (var f = 0; f < shared.Length; f++)
        {
            var field = config.Fields[f];
            var personal = field.Kind is MatchKind.Email or MatchKind.Date or MatchKind.Identifier or MatchKind.ExternalId
                || (field.Kind == MatchKind.Name && (config.SwappableNames is not { } pair || pair.First == field.Name));
            shared[f] = !personal;
            if (personal) individual++;
        }
        if (individual == 0) Array.Clear(shared);
        return shared;
    }
}
