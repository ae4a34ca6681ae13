namespace Rapport.Integration.Dedupe.Training;

/// <summary>
/// Level counts of random pairs, per field and per pair of fields (both present), from which u and the
/// dependence tree are estimated. Random pairs of a small table hold true matches (one in a few hundred
/// pairs of a thousand records), and their agreement would pass for chance agreement or for a dependence
/// between fields. So a pair counts for a field (or a pair of fields) only if its other fields agree no
/// more improbably under u than log2(number of random pairs) bits, beyond which not even one unrelated
/// pair of the sample is expected: a duplicate agreeing on name, birth date and id is left out
/// everywhere, while two namesakes whose email is made of their name (some 12 bits of agreement on the
/// names) still count for the email and the name-email dependence. Needs no model, so it cannot
/// reinforce its own mistakes.
/// </summary>
internal sealed class LevelStatistics
{
    private LevelStatistics(int[] levelCounts)
    {
        LevelCounts = levelCounts;
        var fields = levelCounts.Length;
        Marginal = new double[fields][];
        Joint = new double[fields, fields][];
        for (var i = 0; i < fields; i++)
        {
            Marginal[i] = new double[levelCounts[i]];
            for (var j = i + 1; j < fields; j++) Joint[i, j] = new double[levelCounts[i] * levelCounts[j]];
        }
    }

    public int[] LevelCounts { get; }

    /// <summary>Per field, the weight of pairs in each level (missing values not counted).</summary>
    public double[][] Marginal { get; }

    /// <summary>For i &lt; j, the weight of (level of i, level of j) at [i, j][li * LevelCounts[j] + lj].</summary>
    public double[,][] Joint { get; }

    public int FieldCount => LevelCounts.Length;

    /// <summary>Counts every pattern fully when <paramref name="u"/> is null, otherwise leaves out pairs that agree improbably elsewhere.</summary>
    public static LevelStatistics From(PatternTable patterns, int[] levelCounts, double[][]? u)
    {
        var statistics = new LevelStatistics(levelCounts);
        var fields = patterns.FieldCount;
        var surprise = new double[fields];
        var limit = Math.Log2(Math.Max(2, patterns.Total));
        for (var p = 0; p < patterns.Count; p++)
        {
            var levels = patterns.Levels.AsSpan(p * fields, fields);
            var weight = patterns.Counts[p];
            var total = 0.0;
            for (var f = 0; f < fields; f++)
            {
                surprise[f] = u is null || levels[f] < 0 ? 0 : Math.Max(0, -Math.Log2(u[f][levels[f]]));
                total += surprise[f];
            }
            for (var i = 0; i < fields; i++)
            {
                var li = levels[i];
                if (li < 0) continue;
                if (total - surprise[i] <= limit) statistics.Marginal[i][li] += weight;
                for (var j = i + 1; j < fields; j++)
                {
                    var lj = levels[j];
                    if (lj >= 0 && total - surprise[i] - surprise[j] <= limit) statistics.Joint[i, j][li * levelCounts[j] + lj] += weight;
                }
            }
        }
        return statistics;
    }

    /// <summary>u per field and level: the share of present-value pairs in each level, with half a pair of smoothing.</summary>
    public double[][] Probabilities()
    {
        var u = new double[FieldCount][];
        for (var f = 0; f < u.Length; f++)
        {
            var counts = Marginal[f];
            var present = counts.Sum();
            u[f] = ExpectationMaximisation.Clamped(counts.Select(c => (c + 0.5) / (present + 0.5 * counts.Length)).ToArray());
        }
        return u;
    }
}
