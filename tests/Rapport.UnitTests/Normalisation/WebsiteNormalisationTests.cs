using Rapport.Domain.Normalisation;

namespace Rapport.UnitTests.Normalisation;

public class WebsiteNormalisationTests
{
    private static NormaliseResult Website(string input) => Normaliser.Apply(NormalisationRule.Website, input);

    [Theory]
    [InlineData("example.com", "https://example.com")]
    [InlineData("www.example.com", "https://www.example.com")]
    [InlineData("HTTPS://WWW.Example.COM/About", "https://www.example.com/About")]
    [InlineData("http://example.com", "http://example.com")]
    [InlineData("//example.com/a", "https://example.com/a")]
    [InlineData("https://example.com/", "https://example.com")]
    [InlineData("https://example.com./", "https://example.com")]
    [InlineData("https://example.com:443/shop", "https://example.com/shop")]
    [InlineData("http://example.com:80", "http://example.com")]
    [InlineData("example.com:8443/app", "https://example.com:8443/app")]
    [InlineData("https://example.com/path/", "https://example.com/path/")]
    [InlineData("https://example.com/path#team", "https://example.com/path#team")]
    [InlineData("https://example.com/?lang=de", "https://example.com/?lang=de")]
    [InlineData("https://xn--bcher-kva.de/", "https://bücher.de")]
    [InlineData("https://ｅｘａｍｐｌｅ．ｃｏｍ", "https://example.com")]
    [InlineData("  https://example.com  ", "https://example.com")]
    public void Apply_WebAddress_BecomesCanonicalUrl(string input, string expected) =>
        Assert.Equal(expected, Website(input).Value);

    [Theory]
    [InlineData("https://example.com/?utm_source=news&utm_medium=email", "https://example.com")]
    [InlineData("https://example.com/p?id=7&utm_campaign=x&gclid=abc", "https://example.com/p?id=7")]
    [InlineData("https://example.com/p?FBCLID=1&id=7#top", "https://example.com/p?id=7#top")]
    [InlineData("https://example.com/p?utm_source=x#top", "https://example.com/p#top")]
    [InlineData("https://example.com/p?id=7&&x=1", "https://example.com/p?id=7&x=1")]
    public void Apply_TrackingParameters_AreRemoved(string input, string expected) =>
        Assert.Equal(expected, Website(input).Value);

    [Fact]
    public void Apply_Credentials_AreRemovedWithNote()
    {
        var result = Website("https://admin:secret@example.com/login");
        Assert.Equal("https://example.com/login", result.Value);
        Assert.Contains("password removed", result.Note);
    }

    [Fact]
    public void Apply_IPv4Host_IsAcceptedWithNote()
    {
        var result = Website("http://192.0.2.10:8080/");
        Assert.Equal("http://192.0.2.10:8080", result.Value);
        Assert.Contains("IP address", result.Note);
    }

    [Theory]
    [InlineData("ftp://example.com", "not 'ftp:'")]
    [InlineData("mailto:ada@example.com", "'mailto:' address")]
    [InlineData("javascript:alert(1)", "'javascript:' address")]
    [InlineData("localhost", "must contain a dot")]
    [InlineData("http://localhost:8080", "must contain a dot")]
    [InlineData("https://intranet/", "must contain a dot")]
    [InlineData("https://", "no host name")]
    [InlineData("http://exa mple.com", "spaces")]
    [InlineData("http:\\\\example.com", "backslash")]
    [InlineData("https://example.com:99999", "invalid port")]
    [InlineData("https://example.com:8o", "invalid port")]
    [InlineData("https://[2001:db8::1]/", "IPv6")]
    [InlineData("https://exa_mple.com", "'_'")]
    [InlineData("https://999.1.1.1", "ends in a number")]
    [InlineData("https://example..com", "empty part")]
    public void Apply_NotAWebsite_ExplainsWhy(string input, string expected)
    {
        var result = Website(input);
        Assert.Null(result.Value);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Apply_UrlOf2000Characters_IsAccepted() =>
        Assert.True(Website("https://example.com/" + new string('a', 1980)).IsValid);
}
