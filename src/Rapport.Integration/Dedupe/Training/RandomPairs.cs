using System.Runtime.InteropServices;
using Rapport.Integration.Dedupe.Comparison;
using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Training;

/// <summary>
/// Counts the comparison patterns of uniformly drawn pairs (all pairs when the table is small). Nearly
/// every random pair is unrelated, so these give u and the dependences between fields; the few matches
/// among them are weighed out later by their posterior. Deterministic for a given table, whatever the
/// thread count.
/// </summary>
internal static class RandomPairs
{
    private const int Slices = 16;
    private const int MinimumPairs = 200_000;
    private const int PairsPerRecord = 100;

    /// <summary>
    /// Patterns of about a hundred random pairs per record, at least <see cref="MinimumPairs"/> and at most
    /// <paramref name="wanted"/> (a small table needs no million pairs to show how strangers agree).
    /// </summary>
    public static Dictionary<UInt128, double> Patterns(
        FeatureSet set, PairComparer comparer, PatternCodec codec, int wanted, int parallelism, CancellationToken ct)
    {
        var n = set.Count;
        wanted = (int)Math.Min(wanted, Math.Max(MinimumPairs, (long)PairsPerRecord * n));
        var patterns = new Dictionary<UInt128, double>();
        if (n < 2) return patterns;
        var exhaustive = (long)n * (n - 1) / 2 <= wanted;
        var perSlice = exhaustive ? 0 : (wanted + Slices - 1) / Slices;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        var gate = new object();
        Parallel.For(0, Slices, options, slice =>
        {
            var local = new Dictionary<UInt128, long>();
            var levels = new sbyte[comparer.FieldCount];
            if (exhaustive)
            {
                for (var a = slice; a < n; a += Slices)
                {
                    for (var b = a + 1; b < n; b++) Count(set, comparer, codec, a, b, levels, local);
                }
            }
            else
            {
                var state = (ulong)slice * 0x9E3779B97F4A7C15UL + 0xD1B54A32D192ED03UL;
                for (var i = 0; i < perSlice; i++)
                {
                    var a = (int)(Next(ref state) % (ulong)n);
                    var b = (int)(Next(ref state) % (ulong)(n - 1));
                    if (b >= a) b++;
                    Count(set, comparer, codec, a, b, levels, local);
                }
            }
            lock (gate)
            {
                foreach (var (key, count) in local) CollectionsMarshal.GetValueRefOrAddDefault(patterns, key, out _) += count;
            }
        });
        return patterns;
    }

    private static void Count(FeatureSet set, PairComparer comparer, PatternCodec codec, int a, int b, sbyte[] levels, Dictionary<UInt128, long> counts)
    {
        comparer.Compare(set, a, set, b, levels);
        CollectionsMarshal.GetValueRefOrAddDefault(counts, codec.Encode(levels), out _)++;
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
