namespace Rapport.Integration.Dedupe.Training;

/// <summary>
/// Fits a latent-class mixture to counted comparison patterns with the unrelated class's u held fixed
/// (Splink's approach: u from random pairs is reliable, only m and the class shares need EM). Besides
/// matches (m) there may be a class of related non-matches (r): household members or colleagues who
/// share an address, a phone or a family name but are different people (Winkler's three-class EM). The
/// related class is learned only on the fields it may share; on fields that identify an individual it
/// stays what the caller gives (u: relatives agree on a birth date no more often than strangers), which
/// keeps it from taking over duplicates with a few errors.
/// Only active fields take part, so the fields a blocking rule selected on, which agree by construction,
/// are left out. Starts from the given m and r with a one-pair pseudo-count pulling towards them, so a
/// field seen in few pairs keeps a sensible estimate; stops when no probability moves by more than 1e-6.
/// </summary>
internal static class ExpectationMaximisation
{
    private const int MaxIterations = 500;
    private const double Tolerance = 1e-6;
    private const double PseudoCount = 1;
    public const double Floor = 1e-6;

    public sealed record Result(double[][] M, double[][]? R, double ExpectedMatches, double ExpectedRelated, int Iterations);

    /// <param name="offsets">Per pattern, a constant added to its log-likelihood ratios (natural log): the dependence correction of u.</param>
    /// <param name="rStart">Where the related class starts, or null to fit matches and unrelated pairs only.</param>
    /// <param name="rFree">Fields on which the related class is learned; elsewhere it keeps <paramref name="rStart"/>.</param>
    public static Result Run(
        PatternTable patterns, bool[] active, double[][] u, double[] offsets, double[][] mStart, double[][]? rStart, bool[]? rFree)
    {
        var fields = patterns.FieldCount;
        var m = Copy(mStart);
        var r = rStart is null ? null : Copy(rStart);
        var sumsM = m.Select(a => new double[a.Length]).ToArray();
        var sumsR = m.Select(a => new double[a.Length]).ToArray();
        var logM = m.Select(a => new double[a.Length]).ToArray();
        var logR = m.Select(a => new double[a.Length]).ToArray();
        double lambdaM = 0.3, lambdaR = r is null ? 0 : 0.1;
        double expectedM = 0, expectedR = 0;
        var iteration = 0;
        while (iteration++ < MaxIterations)
        {
            for (var f = 0; f < fields; f++)
            {
                Array.Clear(sumsM[f]);
                Array.Clear(sumsR[f]);
                for (var l = 0; l < m[f].Length; l++)
                {
                    logM[f][l] = Math.Log(m[f][l] / u[f][l]);
                    logR[f][l] = r is null ? 0 : Math.Log(r[f][l] / u[f][l]);
                }
            }
            var baseM = Math.Log(lambdaM);
            var baseR = r is null ? double.NegativeInfinity : Math.Log(lambdaR);
            var baseU = Math.Log(1 - lambdaM - lambdaR);
            expectedM = expectedR = 0;
            var total = 0.0;
            for (var p = 0; p < patterns.Count; p++)
            {
                var row = patterns.Levels.AsSpan(p * fields, fields);
                double a = baseM + offsets[p], b = baseR + offsets[p];
                for (var f = 0; f < fields; f++)
                {
                    if (!active[f] || row[f] < 0) continue;
                    a += logM[f][row[f]];
                    b += logR[f][row[f]];
                }
                var top = Math.Max(baseU, Math.Max(a, b));
                double ea = Math.Exp(a - top), eb = Math.Exp(b - top), eu = Math.Exp(baseU - top);
                var count = patterns.Counts[p];
                var postM = count * ea / (ea + eb + eu);
                var postR = count * eb / (ea + eb + eu);
                expectedM += postM;
                expectedR += postR;
                total += count;
                for (var f = 0; f < fields; f++)
                {
                    if (!active[f] || row[f] < 0) continue;
                    sumsM[f][row[f]] += postM;
                    sumsR[f][row[f]] += postR;
                }
            }
            lambdaM = Math.Clamp(expectedM / Math.Max(total, 1e-12), 1e-9, 1 - 2e-9);
            if (r is not null) lambdaR = Math.Clamp(expectedR / Math.Max(total, 1e-12), 1e-9, 1 - lambdaM - 1e-9);
            var change = 0.0;
            for (var f = 0; f < fields; f++)
            {
                if (!active[f]) continue;
                change = Math.Max(change, Update(m, f, sumsM[f], mStart[f]));
                if (r is not null && rFree![f]) change = Math.Max(change, Update(r, f, sumsR[f], rStart![f]));
            }
            if (change < Tolerance) break;
        }
        return new Result(m, r, expectedM, expectedR, iteration);
    }

    /// <summary>Proportions from counts with a pseudo-count spread like <paramref name="prior"/>, clamped away from 0 and 1.</summary>
    public static double[] Smoothed(double[] counts, double[] prior)
    {
        var total = 0.0;
        foreach (var c in counts) total += c;
        var p = new double[counts.Length];
        for (var l = 0; l < p.Length; l++) p[l] = (counts[l] + PseudoCount * prior[l]) / (total + PseudoCount);
        return Clamped(p);
    }

    public static double[] Clamped(double[] p)
    {
        var sum = 0.0;
        for (var l = 0; l < p.Length; l++)
        {
            p[l] = Math.Clamp(p[l], Floor, 1 - Floor);
            sum += p[l];
        }
        for (var l = 0; l < p.Length; l++) p[l] /= sum;
        return p;
    }

    private static double Update(double[][] probabilities, int f, double[] sums, double[] prior)
    {
        var next = Smoothed(sums, prior);
        var change = 0.0;
        for (var l = 0; l < next.Length; l++) change = Math.Max(change, Math.Abs(next[l] - probabilities[f][l]));
        probabilities[f] = next;
        return change;
    }

    private static double[][] Copy(double[][] source) => source.Select(a => (double[])a.Clone()).ToArray();
}
