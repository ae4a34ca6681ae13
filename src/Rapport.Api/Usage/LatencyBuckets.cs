using System.Diagnostics;
using Rapport.Data.Usage;

namespace Rapport.Api.Usage;

/// <summary>
/// The fixed latency bands of every request histogram, from 0.5 ms to 10 s, and the percentile estimate
/// drawn from them. Fixed bands keep recording to one comparison loop and one increment, and let counts
/// from several servers and days simply add up.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Upper bounds in seconds; a last band without a bound (<c>+Inf</c>) follows them.</summary>
    public static readonly double[] UpperBoundsSeconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Bands including the last, unbounded one.</summary>
    public const int Count = ApiUsageStore.BucketCount;

    private static readonly long[] UpperBoundsTicks = [.. UpperBoundsSeconds.Select(s => (long)Math.Round(s * Stopwatch.Frequency))];

    /// <summary>The band of a duration measured in <see cref="Stopwatch"/> ticks.</summary>
    public static int IndexOf(long elapsedTicks)
    {
        var bounds = UpperBoundsTicks;
        for (var i = 0; i < bounds.Length; i++)
            if (elapsedTicks <= bounds[i]) return i;
        return bounds.Length;
    }

    /// <summary>
    /// An estimate of the <paramref name="quantile"/> (0 &lt; q ≤ 1) in seconds from band counts, as Prometheus'
    /// <c>histogram_quantile</c> does it: find the band holding the rank and interpolate linearly inside it
    /// (the first band starts at 0). In the unbounded band the answer is its lower bound, 10 s. Null without calls.
    /// </summary>
    public static double? Quantile(double quantile, ReadOnlySpan<long> counts)
    {
        if (quantile is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(quantile), "A quantile is above 0 and at most 1.");
        if (counts.Length != Count) throw new ArgumentException($"A histogram has {Count} bands.", nameof(counts));
        long total = 0;
        foreach (var c in counts) total += c;
        if (total == 0) return null;
        var rank = quantile * total;
        long below = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var cumulative = below + counts[i];
            if (cumulative >= rank && counts[i] > 0)
            {
                if (i == UpperBoundsSeconds.Length) return UpperBoundsSeconds[^1];
                var lower = i == 0 ? 0 : UpperBoundsSeconds[i - 1];
                return lower + (UpperBoundsSeconds[i] - lower) * ((rank - below) / counts[i]);
            }
            below = cumulative;
        }
        return UpperBoundsSeconds[^1];
    }

    /// <summary>Stopwatch ticks as whole microseconds.</summary>
    public static long Microseconds(long ticks) => (long)(ticks * (1_000_000.0 / Stopwatch.Frequency));
}
