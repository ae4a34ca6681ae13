namespace Rapport.Api.Usage;

/// <summary>What identifies one series of counts: operation, HTTP method, client and status.</summary>
public readonly record struct SeriesKey(string Operation, string Method, string Client, int Status)
{
    public string Protocol => UsageOperation.ProtocolOf(Operation);
}

/// <summary>
/// The counts of one <see cref="SeriesKey"/> since the process started: calls per latency band and their
/// summed duration. Requests add with <see cref="Interlocked"/> increments only; readers see each field
/// exactly but may see a request counted in its band a moment before its duration is summed.
/// </summary>
public sealed class UsageSeries(SeriesKey key)
{
    private readonly long[] _buckets = new long[LatencyBuckets.Count];
    private long _sumTicks;

    public SeriesKey Key { get; } = key;

    public void Add(long elapsedTicks)
    {
        Interlocked.Increment(ref _buckets[LatencyBuckets.IndexOf(elapsedTicks)]);
        Interlocked.Add(ref _sumTicks, elapsedTicks);
    }

    /// <summary>A copy of the counts now.</summary>
    public SeriesCounts Read()
    {
        var buckets = new long[_buckets.Length];
        for (var i = 0; i < buckets.Length; i++) buckets[i] = Volatile.Read(ref _buckets[i]);
        return new SeriesCounts(buckets, Volatile.Read(ref _sumTicks));
    }
}

/// <summary>Counts of a series at one moment: calls per latency band and the summed duration in Stopwatch ticks.</summary>
public sealed record SeriesCounts(long[] Buckets, long SumTicks)
{
    public static readonly SeriesCounts Zero = new(new long[LatencyBuckets.Count], 0);

    public long Calls => Buckets.Sum();

    public SeriesCounts Minus(SeriesCounts other)
    {
        var buckets = new long[Buckets.Length];
        for (var i = 0; i < buckets.Length; i++) buckets[i] = Buckets[i] - other.Buckets[i];
        return new SeriesCounts(buckets, SumTicks - other.SumTicks);
    }

    public bool IsEmpty => SumTicks == 0 && Buckets.All(b => b == 0);
}
