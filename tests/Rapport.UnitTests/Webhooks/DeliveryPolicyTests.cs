using Rapport.Api.Webhooks;
using Rapport.Data.Webhooks;
using Rapport.Integration.Webhooks;

namespace Rapport.UnitTests.Webhooks;

public class DeliveryPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Decide_2xx_Delivered()
    {
        var decision = new DeliveryPolicy().Decide(attemptsBefore: 2, status: 204, retryAfter: null, error: null, Now);

        Assert.Equal(new DeliveryPolicy.Decision(DeliveryStatus.Delivered, 3, null, null, null), decision);
    }

    [Fact]
    public void Decide_FirstFailure_RetriesAboutFiveSecondsLater()
    {
        var decision = new DeliveryPolicy().Decide(0, 500, null, null, Now);

        Assert.Equal(DeliveryStatus.Pending, decision.Status);
        Assert.Equal(1, decision.Attempts);
        Assert.InRange(decision.NextAttemptAt!.Value - Now, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
        Assert.Null(decision.SubscriptionStatus);
    }

    [Fact]
    public void Decide_NoAnswer_IsRetriedLikeAFailure()
    {
        var decision = new DeliveryPolicy().Decide(1, null, null, "Connection refused", Now);

        Assert.Equal((DeliveryStatus.Pending, 2), (decision.Status, decision.Attempts));
        Assert.InRange(decision.NextAttemptAt!.Value - Now, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
    }

    [Fact]
    public void Decide_Gone_FailsAndDisablesAtOnce()
    {
        var decision = new DeliveryPolicy().Decide(0, 410, null, null, Now);

        Assert.Equal((DeliveryStatus.Failed, (DateTime?)null, SubscriptionStatus.Disabled), (decision.Status, decision.NextAttemptAt, decision.SubscriptionStatus));
        Assert.Contains("410", decision.SubscriptionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LastAttemptFails_GivesUpAndMarksTheEndpointFailing()
    {
        var decision = new DeliveryPolicy().Decide(RetrySchedule.MaxAttempts - 1, 503, null, null, Now);

        Assert.Equal((DeliveryStatus.Failed, RetrySchedule.MaxAttempts, SubscriptionStatus.Failing), (decision.Status, decision.Attempts, decision.SubscriptionStatus));
        Assert.Contains("503", decision.SubscriptionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ScaledSchedule_ShortensDelaysButNotRetryAfter()
    {
        var scaled = new DeliveryPolicy(retryScale: 0.001);

        var quick = scaled.Decide(0, 500, null, null, Now);
        var asked = scaled.Decide(0, 429, TimeSpan.FromSeconds(2), null, Now);

        Assert.InRange(quick.NextAttemptAt!.Value - Now, TimeSpan.FromMilliseconds(4), TimeSpan.FromMilliseconds(6));
        Assert.Equal(Now.AddSeconds(2), asked.NextAttemptAt);
    }

    [Fact]
    public void Decide_RetryAfterShorterThanTheSchedule_KeepsTheSchedule()
    {
        var decision = new DeliveryPolicy().Decide(0, 503, TimeSpan.FromSeconds(1), null, Now);

        Assert.True(decision.NextAttemptAt!.Value - Now >= TimeSpan.FromSeconds(4));
    }
}
