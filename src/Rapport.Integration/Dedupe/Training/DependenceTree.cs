namespace Rapport.Integration.Dedupe.Training;

/// <summary>
/// Fellegi-Sunter treats fields as independent given the match status, but among non-matches they are
/// not: a postcode fixes the city, an email address is made of the name. Counted independently, one
/// agreement becomes two pieces of evidence, and EM mistakes non-matches that share a postcode for
/// matches. The fix keeps the model and corrects u with a Chow-Liu tree: the spanning tree of field
/// pairs with the most mutual information among random pairs. Each edge adds log2(u_a·u_b / u_ab) for
/// the two fields' levels, which turns the product of marginals into the tree's joint distribution.
/// Cells seen fewer than <see cref="MinSupport"/> times are left uncorrected, and corrections are kept
/// within ±<see cref="MaxBits"/> bits.
/// </summary>
internal static class DependenceTree
{
    private const double MinSupport = 20;
    private const double MaxBits = 10;
    private const double MinInformation = 1e-4;

    public static List<FieldDependence> Build(LevelStatistics statistics, IReadOnlyList<MatchField> fields)
    {
        var n = statistics.FieldCount;
        var information = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++) information[i, j] = MutualInformation(statistics, i, j);
        }

        var inTree = new bool[n];
        var edges = new List<FieldDependence>();
        if (n == 0) return edges;
        inTree[0] = true;
        for (var added = 1; added < n; added++)
        {
            var best = (I: -1, J: -1, Value: MinInformation);
            for (var i = 0; i < n; i++)
            {
                if (!inTree[i]) continue;
                for (var j = 0; j < n; j++)
                {
                    if (inTree[j]) continue;
                    var value = i < j ? information[i, j] : information[j, i];
                    if (value > best.Value) best = (i, j, value);
                }
            }
            if (best.I < 0)
            {
                for (var j = 0; j < n && best.J < 0; j++)
                {
                    if (!inTree[j]) best = (-1, j, 0);
                }
                inTree[best.J] = true;
                continue;
            }
            inTree[best.J] = true;
            var (a, b) = best.I < best.J ? (best.I, best.J) : (best.J, best.I);
            var correction = Correction(statistics, a, b);
            if (correction is not null) edges.Add(new FieldDependence(fields[a].Name, fields[b].Name, correction));
        }
        return edges;
    }

    private static double MutualInformation(LevelStatistics s, int i, int j)
    {
        var joint = s.Joint[i, j];
        var lj = s.LevelCounts[j];
        var (rows, columns, total) = Margins(s, i, j);
        if (total == 0) return 0;
        var mi = 0.0;
        for (var c = 0; c < joint.Length; c++)
        {
            if (joint[c] == 0) continue;
            var p = joint[c] / total;
            mi += p * Math.Log(p * total * total / (rows[c / lj] * columns[c % lj]));
        }
        return mi;
    }

    private static double[][]? Correction(LevelStatistics s, int i, int j)
    {
        var joint = s.Joint[i, j];
        var lj = s.LevelCounts[j];
        var (rows, columns, total) = Margins(s, i, j);
        var table = new double[s.LevelCounts[i]][];
        var any = false;
        for (var a = 0; a < table.Length; a++)
        {
            table[a] = new double[lj];
            for (var b = 0; b < lj; b++)
            {
                var count = joint[a * lj + b];
                if (count < MinSupport) continue;
                var bits = Math.Log2(rows[a] * columns[b] / (count * total));
                table[a][b] = Math.Clamp(bits, -MaxBits, MaxBits);
                any |= Math.Abs(table[a][b]) >= 0.05;
            }
        }
        return any ? table : null;
    }

    private static (double[] Rows, double[] Columns, double Total) Margins(LevelStatistics s, int i, int j)
    {
        var joint = s.Joint[i, j];
        var lj = s.LevelCounts[j];
        var rows = new double[s.LevelCounts[i]];
        var columns = new double[lj];
        var total = 0.0;
        for (var c = 0; c < joint.Length; c++)
        {
            rows[c / lj] += joint[c];
            columns[c % lj] += joint[c];
            total += joint[c];
        }
        return (rows, columns, total);
    }
}
