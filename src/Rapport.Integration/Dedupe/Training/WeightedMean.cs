namespace Rapport.Integration.Dedupe.Training;

/// <summary>Averages per-field level probabilities over EM sessions, each weighted by the pairs it assigned to the class.</summary>
internal sealed class WeightedMean(double[][] shape)
{
    private readonly double[][] _sums = shape.Select(a => new double[a.Length]).ToArray();
    private readonly double[] _weights = new double[shape.Length];

    public bool Any => _weights.Any(w => w > 0);

    public void Add(double[][] probabilities, double weight, bool[] active)
    {
        if (weight <= 0) return;
        for (var f = 0; f < _sums.Length; f++)
        {
            if (!active[f]) continue;
            _weights[f] += weight;
            for (var l = 0; l < _sums[f].Length; l++) _sums[f][l] += weight * probabilities[f][l];
        }
    }

    /// <summary>The means, with <paramref name="fallback"/> for fields no session estimated.</summary>
    public double[][] Result(double[][] fallback)
    {
        var result = new double[_sums.Length][];
        for (var f = 0; f < result.Length; f++)
        {
            result[f] = _weights[f] <= 0
                ? (double[])fallback[f].Clone()
                : ExpectationMaximisation.Clamped(_sums[f].Select(s => s / _weights[f]).ToArray());
        }
        return result;
    }
}
