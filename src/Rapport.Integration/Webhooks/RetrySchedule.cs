using System.Net;
using System.Net.Http.Headers;

namespace Rapport.Integration.Webhooks;

/// <summary>
/// When to try a failed delivery again. The schedule is the Standard Webhooks specification's example
/// (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, ...), cut after the first retry at which the attempts span
/// <see cref="MinimumTotalSpan"/> even when every delay draws its shortest jitter: quick retries recover from a
/// blip or a deploy within seconds, and the long tail outlasts a night-long outage. Each delay is moved by up
/// to ±<see cref="JitterFraction"/> so that the deliveries that failed together do not all come back in the
/// same second. Svix's shorter tail (…, 10 h, 10 h) is not used: with jitter it could give up after 22 h.
/// </summary>
public static class RetrySchedule
{
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(14),
    ];

    /// <summary>Attempts in all, the first one included; after the last failure the delivery is given up.</summary>
    public const int MaxAttempts = 8;

    /// <summary>Each delay is drawn uniformly from nominal × (1 ± this).</summary>
    public const double JitterFraction = 0.2;

    /// <summary>
    /// The shortest time from the first attempt to the last one (31 h 35 min 5 s nominal, 25 h 16 min with the
    /// shortest jitter): a receiver that is down for less than a day still gets the event.
    /// </summary>
    public static readonly TimeSpan MinimumTotalSpan = TimeSpan.FromHours(24);

    /// <summary>The longest wait a <c>Retry-After</c> header can ask for: a receiver cannot park a delivery for days.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// How long to wait after <paramref name="attemptsMade"/> failed attempts (1 after the first), or null when
    /// <see cref="MaxAttempts"/> have been made and the delivery is given up. With <paramref name="retryAfter"/>
    /// (from <see cref="RetryAfter(HttpResponseMessage, DateTimeOffset)"/>) the wait is the longer of the two,
    /// and at most <see cref="MaxRetryAfter"/> for the receiver's part: a receiver may slow us down, never make us
    /// retry sooner than the schedule, and it does not add attempts. <paramref name="rng"/> defaults to
    /// <see cref="Random.Shared"/>; tests pass a seeded one.
    /// </summary>
    public static TimeSpan? NextDelay(int attemptsMade, Random? rng = null, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        if (attemptsMade >= MaxAttempts)
            return null;
        var nominal = Delays[attemptsMade - 1];
        var factor = 1 + JitterFraction * (2 * (rng ?? Random.Shared).NextDouble() - 1);
        var delay = nominal * factor;
        if (retryAfter is { } asked && asked > delay)
            delay = asked < MaxRetryAfter ? asked : MaxRetryAfter;
        return delay;
    }

    /// <summary>
    /// The wait a 429 Too Many Requests or 503 Service Unavailable answer asks for in its <c>Retry-After</c>
    /// header, as delta-seconds or as an HTTP date (a date in the past means now), capped at
    /// <see cref="MaxRetryAfter"/>. Null for other statuses, or when the header is missing or unreadable.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        return RetryAfter(response.StatusCode, response.Headers.RetryAfter, now);
    }

    /// <summary>As <see cref="RetryAfter(HttpResponseMessage, DateTimeOffset)"/>, from the parts of an answer.</summary>
    public static TimeSpan? RetryAfter(HttpStatusCode status, RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || header is null)
            return null;
        var wait = header.Delta ?? (header.Date is { } date ? date - now : null);
        if (wait is not { } value)
            return null;
        if (value < TimeSpan.Zero)
            return TimeSpan.Zero;
        return value < MaxRetryAfter ? value : MaxRetryAfter;
    }
}
