using Rapport.Api.Usage;

namespace Rapport.UnitTests.Usage;

/// <summary>How per-status counts become the day rows of the usage table.</summary>
public class UsageRowsTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    private static SeriesCounts Calls(int band, long calls, long ticks)
    {
        var buckets = new long[LatencyBuckets.Count];
        buckets[band] = calls;
        return new SeriesCounts(buckets, ticks);
    }

    [Fact]
    public void Of_SeveralStatusesOfOneOperation_AreOneRowWithErrorsAndServerErrors()
    {
        var rows = UsageRows.Of(Day,
        [
            (new SeriesKey("GET /api/v1/contacts/{id}", "GET", "c1", 200), Calls(2, 5, 100)),
            (new SeriesKey("GET /api/v1/contacts/{id}", "GET", "c1", 404), Calls(1, 2, 10)),
            (new SeriesKey("GET /api/v1/contacts/{id}", "GET", "c1", 503), Calls(5, 1, 10)),
            (new SeriesKey("GET /api/v1/contacts/{id}", "GET", "c2", 200), Calls(2, 7, 100)),
        ]);

        Assert.Equal(2, rows.Count);
        var c1 = rows.Single(r => r.ClientId == "c1");
        Assert.Equal((8L, 3L, 1L), (c1.Calls, c1.Errors, c1.ServerErrors));
        Assert.Equal([0L, 2, 5, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], c1.Buckets);
        Assert.Equal("rest", c1.Protocol);
    }

    [Fact]
    public void Of_SoapOperation_IsOfTheSoapProtocol()
    {
        var row = Assert.Single(UsageRows.Of(Day, [(new SeriesKey("SOAP Retrieve contacts", "POST", "c1", 200), Calls(3, 1, 1))]));

        Assert.Equal("soap", row.Protocol);
    }

    [Fact]
    public void Of_SeriesWithoutNewCalls_LeavesNoRow() =>
        Assert.Empty(UsageRows.Of(Day, [(new SeriesKey("GET /metrics", "GET", "anonymous", 200), SeriesCounts.Zero)]));

    [Fact]
    public void NextDelay_CloseToMidnight_EndsJustAfterIt()
    {
        Assert.Equal(UsageFlusher.Interval, UsageFlusher.NextDelay(new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(1), UsageFlusher.NextDelay(new DateTime(2026, 11, 25, 23, 59, 57, DateTimeKind.Utc)));
    }
}
