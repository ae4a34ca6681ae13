using System.Diagnostics;
using Rapport.Api.Usage;

namespace Rapport.UnitTests.Usage;

/// <summary>The latency bands and the percentiles the usage API estimates from them.</summary>
public class LatencyBucketsTests
{
    private static long[] Counts(params (int Band, long Count)[] bands)
    {
        var counts = new long[LatencyBuckets.Count];
        foreach (var (band, count) in bands) counts[band] = count;
        return counts;
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    [Theory]
    [InlineData(0.0001, 0)]
    [InlineData(0.0005, 0)]
    [InlineData(0.0007, 1)]
    [InlineData(0.003, 3)]
    [InlineData(10, 13)]
    [InlineData(11, 14)]
    public void IndexOf_Duration_IsItsBand(double seconds, int band) =>
        Assert.Equal(band, LatencyBuckets.IndexOf(Ticks(seconds)));

    [Fact]
    public void Quantile_AllInOneBand_InterpolatesInsideIt()
    {
        var counts = Counts((3, 100)); // 2.5 ms .. 5 ms

        Assert.Equal(0.00375, LatencyBuckets.Quantile(0.5, counts)!.Value, 9);
        Assert.Equal(0.004975, LatencyBuckets.Quantile(0.99, counts)!.Value, 9);
    }

    [Fact]
    public void Quantile_FirstBand_StartsAtZero() =>
        Assert.Equal(0.00025, LatencyBuckets.Quantile(0.5, Counts((0, 10)))!.Value, 9);

    [Fact]
    public void Quantile_SpreadOverBands_FindsTheBandOfTheRank()
    {
        var counts = Counts((1, 90), (7, 10)); // 90 calls in 0.5..1 ms, 10 in 50..100 ms

        Assert.InRange(LatencyBuckets.Quantile(0.5, counts)!.Value, 0.0005, 0.001);
        Assert.Equal(0.075, LatencyBuckets.Quantile(0.95, counts)!.Value, 9);
        Assert.Equal(0.095, LatencyBuckets.Quantile(0.99, counts)!.Value, 9);
    }

    [Fact]
    public void Quantile_InTheUnboundedBand_IsTheHighestBound() =>
        Assert.Equal(10, LatencyBuckets.Quantile(0.99, Counts((14, 5)))!.Value);

    [Fact]
    public void Quantile_NoCalls_IsNull() => Assert.Null(LatencyBuckets.Quantile(0.5, Counts()));

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    public void Quantile_OutsideZeroToOne_Throws(double quantile) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyBuckets.Quantile(quantile, Counts((1, 1))));
}
