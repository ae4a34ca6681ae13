using System.Net;
using Rapport.Data.Webhooks;
using Rapport.Integration.Webhooks;

namespace Rapport.Api.Webhooks;

/// <summary>
/// What an attempt means for its delivery and its subscription, decided by <see cref="DeliveryClassifier"/> and
/// <see cref="RetrySchedule"/>: delivered; pending again at the next scheduled time (never sooner than a
/// <c>Retry-After</c> asked for); or failed, switching the subscription off: <c>failing</c> when the schedule
/// is used up, <c>disabled</c> at once on 410 Gone.
/// </summary>
/// <param name="retryScale">Multiplies the schedule's delays (1 in production; tests shorten the day-long schedule).</param>
public sealed class DeliveryPolicy(double retryScale = 1)
{
    /// <summary>The new state of a delivery after one attempt, and the subscription change it calls for (if any).</summary>
    public sealed record Decision(string Status, int Attempts, DateTime? NextAttemptAt, string? SubscriptionStatus, string? SubscriptionReason);

    /// <param name="attemptsBefore">Attempts made before this one.</param>
    /// <param name="status">The answer's status, or null when none came (<paramref name="error"/> says why).</param>
    /// <param name="retryAfter">The wait the answer asked for (<see cref="RetrySchedule.RetryAfter(HttpResponseMessage, DateTimeOffset)"/>).</param>
    public Decision Decide(int attemptsBefore, int? status, TimeSpan? retryAfter, string? error, DateTime now)
    {
        var attempts = attemptsBefore + 1;
        var outcome = status is { } code ? DeliveryClassifier.Classify((HttpStatusCode)code) : DeliveryOutcome.Retry;
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                return new Decision(DeliveryStatus.Delivered, attempts, null, null, null);
            case DeliveryOutcome.EndpointGone:
                return new Decision(DeliveryStatus.Failed, attempts, null, SubscriptionStatus.Disabled,
                    "The endpoint answered 410 Gone: it asked for no more deliveries. Set active to true to send to it again.");
        }
        var delay = NextDelay(attempts, retryAfter);
        if (delay is { } wait) return new Decision(DeliveryStatus.Pending, attempts, now + wait, null, null);
        var last = status is { } s ? $"the last answer was {s}" : $"the last attempt failed: {error}";
        return new Decision(DeliveryStatus.Failed, attempts, null, SubscriptionStatus.Failing,
            $"A delivery failed {attempts} attempts in a row over more than a day ({last}). Fix the endpoint, then set active to true; " +
            "pending deliveries resume and failed ones can be retried.");
    }

    private TimeSpan? NextDelay(int attempts, TimeSpan? retryAfter)
    {
        if (retryScale == 1) return RetrySchedule.NextDelay(attempts, retryAfter: retryAfter);
        if (RetrySchedule.NextDelay(attempts) is not { } scheduled) return null;
        var delay = scheduled * retryScale;
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }
}
