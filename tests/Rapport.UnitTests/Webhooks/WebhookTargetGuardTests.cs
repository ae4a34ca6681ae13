using System.Net;
using Rapport.Integration.Webhooks;

namespace Rapport.UnitTests.Webhooks;

public class WebhookTargetGuardTests
{
    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.216.34")]
    [InlineData("100.63.255.255")]     // just below CGNAT
    [InlineData("100.128.0.0")]        // just above CGNAT
    [InlineData("172.15.255.255")]     // just below 172.16/12
    [InlineData("172.32.0.0")]         // just above 172.16/12
    [InlineData("192.0.1.1")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:800::200e")]
    [InlineData("::ffff:8.8.8.8")]     // IPv4-mapped public
    [InlineData("64:ff9b::808:808")]   // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")]    // 6to4 of 8.8.8.8
    public void IsPublic_PublicAddress_True(string address)
    {
        Assert.True(WebhookTargetGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("0.0.0.0")]            // unspecified
    [InlineData("0.1.2.3")]            // this network 0/8
    [InlineData("127.0.0.1")]          // loopback
    [InlineData("127.255.255.254")]
    [InlineData("10.0.0.1")]           // private
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]    // link-local: cloud metadata
    [InlineData("100.64.0.1")]         // CGNAT
    [InlineData("100.127.255.255")]
    [InlineData("192.0.0.8")]          // IETF protocol assignments
    [InlineData("192.0.2.1")]          // documentation
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("198.18.0.1")]         // benchmarking
    [InlineData("198.19.255.255")]
    [InlineData("224.0.0.1")]          // multicast
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]          // reserved
    [InlineData("255.255.255.255")]    // broadcast
    [InlineData("::")]                 // unspecified
    [InlineData("::1")]                // loopback
    [InlineData("fe80::1")]            // link-local
    [InlineData("febf:ffff::1")]
    [InlineData("fec0::1")]            // site-local
    [InlineData("fc00::1")]            // unique local
    [InlineData("fd12:3456:789a::1")]
    [InlineData("ff02::1")]            // multicast
    [InlineData("100::1")]             // discard-only
    [InlineData("2001:db8::1")]        // documentation
    [InlineData("3fff::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("::ffff:127.0.0.1")]   // IPv4-mapped loopback
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")]        // IPv4-compatible loopback
    [InlineData("::10.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]    // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::808:808")] // local-use NAT64
    [InlineData("2002:7f00:1::1")]     // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1")]   // 6to4 of 192.168.1.1
    public void IsPublic_NonPublicAddress_False(string address)
    {
        Assert.False(WebhookTargetGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("https://hooks.example.com/rapport")]
    [InlineData("http://hooks.example.com:8080/a?b=c")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    public void Validate_PublicTarget_Null(string url)
    {
        Assert.Null(WebhookTargetGuard.Validate(url, allowPrivate: false));
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("  ", "required")]
    [InlineData("relative/path", "absolute")]
    [InlineData("hooks.example.com/x", "absolute")]
    [InlineData("ftp://hooks.example.com/x", "http or https")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("javascript:alert(1)", "http or https")]
    [InlineData("https://user:pw@hooks.example.com/", "user name or password")]
    [InlineData("https://user@hooks.example.com/", "user name or password")]
    public void Validate_MalformedUrl_ErrorEvenWhenPrivateAllowed(string? url, string expected)
    {
        Assert.Contains(expected, WebhookTargetGuard.Validate(url, allowPrivate: false), StringComparison.Ordinal);
        Assert.Contains(expected, WebhookTargetGuard.Validate(url, allowPrivate: true), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://2130706433/hook")]          // 127.0.0.1 as one number
    [InlineData("http://0x7f.1/hook")]              // 127.0.0.1 in hex shorthand
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://10.0.0.5/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://LOCALHOST./")]
    [InlineData("http://api.localhost/")]
    public void Validate_PrivateTarget_RefusedUnlessAllowed(string url)
    {
        var error = WebhookTargetGuard.Validate(url, allowPrivate: false);

        Assert.NotNull(error);
        Assert.Contains("RAPPORT_WEBHOOKS_ALLOW_PRIVATE=true", error, StringComparison.Ordinal);
        Assert.Null(WebhookTargetGuard.Validate(url, allowPrivate: true));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook", "127.0.0.1")]
    [InlineData("http://[::1]:9/hook", "::1")]
    [InlineData("http://localhost:9/hook", "localhost")]
    public async Task CreateHandler_PrivateNotAllowed_RefusesBeforeConnecting(string url, string named)
    {
        using var client = new HttpClient(WebhookTargetGuard.CreateHandler(allowPrivate: false));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(url, new StringContent("{}")));

        var message = error.ToString();
        Assert.Contains("not a public address", message, StringComparison.Ordinal);
        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateHandler_Called_NoRedirectsNoProxyAndBoundedConnections()
    {
        using var handler = WebhookTargetGuard.CreateHandler(allowPrivate: false);

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseProxy);
        Assert.False(handler.UseCookies);
        Assert.Equal(TimeSpan.FromSeconds(10), handler.ConnectTimeout);
        Assert.InRange(handler.PooledConnectionLifetime, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30));
        Assert.InRange(handler.MaxConnectionsPerServer, 500, 10_000);
        Assert.NotNull(handler.ConnectCallback);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" 1 ", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    [InlineData("0", false)]
    public void IsTrue_EnvironmentValue_OnlyTrueOrOneAllows(string? value, bool expected)
    {
        Assert.Equal(expected, WebhookTargetGuard.IsTrue(value));
    }
}
