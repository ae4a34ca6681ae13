using System.Net;
using System.Net.Http.Headers;
using Rapport.Integration.Webhooks;

namespace Rapport.UnitTests.Webhooks;

public class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A Random whose every draw is the same value: 0 gives the shortest jitter, almost 1 the longest.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    private static readonly Random Shortest = new FixedRandom(0);
    private static readonly Random Longest = new FixedRandom(0.999999999);
    private static readonly Random Middle = new FixedRandom(0.5);

    [Fact]
    public void NextDelay_AfterFirstAttempt_WithinTenSeconds()
    {
        Assert.InRange(RetrySchedule.NextDelay(1, Longest)!.Value, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));
        Assert.InRange(RetrySchedule.NextDelay(1, Shortest)!.Value, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void NextDelay_NoJitter_SpecSchedule()
    {
        var delays = Enumerable.Range(1, RetrySchedule.MaxAttempts - 1).Select(n => RetrySchedule.NextDelay(n, Middle)!.Value);

        Assert.Equal(
        [
            TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
            TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14),
        ], delays);
    }

    [Fact]
    public void NextDelay_ShortestJitterEveryTime_StillSpansMinimumTotalSpan()
    {
        var total = TimeSpan.Zero;
        for (var attempts = 1; RetrySchedule.NextDelay(attempts, Shortest) is { } delay; attempts++)
            total += delay;

        Assert.True(total >= RetrySchedule.MinimumTotalSpan, $"gives up after {total}");
        Assert.True(RetrySchedule.MinimumTotalSpan >= TimeSpan.FromHours(24));
    }

    [Fact]
    public void NextDelay_AfterMaxAttempts_Null()
    {
        Assert.NotNull(RetrySchedule.NextDelay(RetrySchedule.MaxAttempts - 1));
        Assert.Null(RetrySchedule.NextDelay(RetrySchedule.MaxAttempts));
        Assert.Null(RetrySchedule.NextDelay(RetrySchedule.MaxAttempts + 5));
    }

    [Fact]
    public void NextDelay_NoAttemptMade_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.NextDelay(0));
    }

    [Fact]
    public void NextDelay_RandomDraws_WithinTwentyPercentAndSpread()
    {
        var rng = new Random(42);
        var delays = Enumerable.Range(0, 200).Select(_ => RetrySchedule.NextDelay(3, rng)!.Value).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMinutes(24), TimeSpan.FromMinutes(36)));
        Assert.True(delays.Distinct().Count() > 150);
    }

    [Fact]
    public void NextDelay_RetryAfterLongerThanSchedule_WaitsRetryAfter()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), RetrySchedule.NextDelay(1, Middle, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void NextDelay_RetryAfterShorterThanSchedule_KeepsSchedule()
    {
        Assert.Equal(TimeSpan.FromHours(2), RetrySchedule.NextDelay(4, Middle, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void NextDelay_RetryAfterBeyondCap_Capped()
    {
        Assert.Equal(RetrySchedule.MaxRetryAfter, RetrySchedule.NextDelay(2, Middle, TimeSpan.FromDays(30)));
    }

    [Fact]
    public void NextDelay_RetryAfterAfterLastAttempt_StillGivesUp()
    {
        Assert.Null(RetrySchedule.NextDelay(RetrySchedule.MaxAttempts, Middle, TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public void RetryAfter_DeltaSeconds_ThatDelay(HttpStatusCode status)
    {
        using var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation("Retry-After", "120");

        Assert.Equal(TimeSpan.FromSeconds(120), RetrySchedule.RetryAfter(response, Now));
    }

    [Fact]
    public void RetryAfter_HttpDate_TimeUntilThatDate()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Sat, 01 Mar 2025 12:30:00 GMT");

        Assert.Equal(TimeSpan.FromMinutes(30), RetrySchedule.RetryAfter(response, Now));
    }

    [Fact]
    public void RetryAfter_HttpDateInThePast_Zero()
    {
        var header = new RetryConditionHeaderValue(Now.AddMinutes(-5));

        Assert.Equal(TimeSpan.Zero, RetrySchedule.RetryAfter(HttpStatusCode.TooManyRequests, header, Now));
    }

    [Fact]
    public void RetryAfter_MoreThanADay_CappedAtMaxRetryAfter()
    {
        var header = new RetryConditionHeaderValue(TimeSpan.FromDays(7));

        Assert.Equal(RetrySchedule.MaxRetryAfter, RetrySchedule.RetryAfter(HttpStatusCode.TooManyRequests, header, Now));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.MovedPermanently)]
    [InlineData(HttpStatusCode.OK)]
    public void RetryAfter_OtherStatus_Null(HttpStatusCode status)
    {
        var header = new RetryConditionHeaderValue(TimeSpan.FromMinutes(1));

        Assert.Null(RetrySchedule.RetryAfter(status, header, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    public void RetryAfter_MissingOrUnreadable_Null(string? value)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (value is not null)
            response.Headers.TryAddWithoutValidation("Retry-After", value);

        Assert.Null(RetrySchedule.RetryAfter(response, Now));
    }
}
