using Rapport.Integration.Webhooks;

namespace Rapport.UnitTests.Webhooks;

public class WebhookSecretTests
{
    [Fact]
    public void New_Called_PrefixedBase64Of32Bytes()
    {
        var secret = WebhookSecret.New();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
    }

    [Fact]
    public void New_CalledTwice_DifferentSecrets()
    {
        Assert.NotEqual(WebhookSecret.New(), WebhookSecret.New());
    }

    [Fact]
    public void TryParse_NewSecret_ReturnsItsKey()
    {
        var secret = WebhookSecret.New();

        Assert.True(WebhookSecret.TryParse(secret, out var key));
        Assert.Equal(Convert.FromBase64String(secret[6..]), key);
    }

    [Fact]
    public void TryParse_24ByteSecretFromSpecExamples_Accepted()
    {
        Assert.True(WebhookSecret.TryParse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", out var key));
        Assert.Equal(24, key.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]                 // no prefix
    [InlineData("WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]           // prefix in the wrong case
    [InlineData("whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]            // an asymmetric key's prefix
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!")]           // not base64
    [InlineData("whsec_MfKQ9r8GKYqr TwjUPD8ILPZIo2LaLaSw")]          // whitespace inside
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw ")]          // trailing whitespace
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]           // 22 bytes: shorter than 24
    public void TryParse_Invalid_ReturnsFalseAndEmptyKey(string? secret)
    {
        Assert.False(WebhookSecret.TryParse(secret, out var key));
        Assert.Empty(key);
    }

    [Fact]
    public void TryParse_KeyLongerThan64Bytes_ReturnsFalse()
    {
        Assert.True(WebhookSecret.TryParse("whsec_" + Convert.ToBase64String(new byte[64]), out _));
        Assert.False(WebhookSecret.TryParse("whsec_" + Convert.ToBase64String(new byte[65]), out _));
    }
}
