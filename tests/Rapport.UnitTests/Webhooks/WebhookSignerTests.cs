using System.Text;
using Rapport.Integration.Webhooks;

namespace Rapport.UnitTests.Webhooks;

public class WebhookSignerTests
{
    // The example from the Standard Webhooks / Svix documentation; the reference implementation
    // (npm standardwebhooks 1.1.1, Webhook.sign) gives the same signature for it.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static readonly DateTimeOffset SpecTime = DateTimeOffset.FromUnixTimeSeconds(1614265330);
    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void Sign_SpecExample_ReferenceSignature()
    {
        Assert.Equal(SpecSignature, WebhookSigner.Sign(SpecId, SpecTime, SpecBody, [SpecSecret]));
    }

    [Fact]
    public void Sign_FractionOfSecond_SignsWholeSeconds()
    {
        Assert.Equal(SpecSignature, WebhookSigner.Sign(SpecId, SpecTime.AddMilliseconds(999), SpecBody, [SpecSecret]));
    }

    [Fact]
    public void Sign_TwoSecrets_BothSignaturesInOrderSpaceSeparated()
    {
        var other = WebhookSecret.New();

        var header = WebhookSigner.Sign(SpecId, SpecTime, SpecBody, [SpecSecret, other]);

        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(SpecSignature, parts[0]);
        Assert.Equal(WebhookSigner.Sign(SpecId, SpecTime, SpecBody, [other]), parts[1]);
    }

    [Fact]
    public void Sign_OtherBodyOrIdOrTime_DifferentSignature()
    {
        var changedBody = Encoding.UTF8.GetBytes("{\"test\": 2432232315}");

        Assert.NotEqual(SpecSignature, WebhookSigner.Sign(SpecId, SpecTime, changedBody, [SpecSecret]));
        Assert.NotEqual(SpecSignature, WebhookSigner.Sign(SpecId + "x", SpecTime, SpecBody, [SpecSecret]));
        Assert.NotEqual(SpecSignature, WebhookSigner.Sign(SpecId, SpecTime.AddSeconds(1), SpecBody, [SpecSecret]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("msg.1")]
    public void Sign_IdEmptyOrWithFullStop_Throws(string id)
    {
        Assert.Throws<ArgumentException>(() => WebhookSigner.Sign(id, SpecTime, SpecBody, [SpecSecret]));
    }

    [Fact]
    public void Sign_NoSecret_Throws()
    {
        Assert.Throws<ArgumentException>(() => WebhookSigner.Sign(SpecId, SpecTime, SpecBody, []));
    }

    [Fact]
    public void Sign_InvalidSecret_ThrowsWithoutEchoingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => WebhookSigner.Sign(SpecId, SpecTime, SpecBody, [SpecSecret, "not-a-secret"]));

        Assert.Contains("Secret 1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_SpecExample_IdUnixSecondsAndSignature()
    {
        var headers = WebhookSigner.Headers(SpecId, SpecTime.AddMilliseconds(500), SpecBody, [SpecSecret]);

        Assert.Equal(
        [
            new("webhook-id", SpecId),
            new("webhook-timestamp", "1614265330"),
            new("webhook-signature", SpecSignature),
        ], headers);
    }
}
