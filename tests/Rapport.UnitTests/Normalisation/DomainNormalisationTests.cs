using Rapport.Domain.Normalisation;

namespace Rapport.UnitTests.Normalisation;

public class DomainNormalisationTests
{
    private static NormaliseResult Domain(string input) => Normaliser.Apply(NormalisationRule.Domain, input);

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("Example.COM", "example.com")]
    [InlineData("www.example.com", "example.com")]
    [InlineData("WWW.EXAMPLE.CO.UK.", "example.co.uk")]
    [InlineData("https://www.example.com/about?x=1#top", "example.com")]
    [InlineData("http://user:pass@shop.example.com:8080/cart", "shop.example.com")]
    [InlineData("ftp://files.example.com/pub", "files.example.com")]
    [InlineData("//cdn.example.com", "cdn.example.com")]
    [InlineData("ada@example.com", "example.com")]
    [InlineData("www.com", "www.com")]
    [InlineData("www2.example.com", "www2.example.com")]
    [InlineData("xn--bcher-kva.de", "bücher.de")]
    [InlineData("BÜCHER.DE", "bücher.de")]
    [InlineData("例子。广告", "例子.广告")]
    [InlineData(" example.com\u200B ", "example.com")]
    public void Apply_HostInAnyWrapping_ReturnsBareLowerCaseDomain(string input, string expected) =>
        Assert.Equal(expected, Domain(input).Value);

    [Fact]
    public void Apply_IPv4Address_IsAcceptedWithNote()
    {
        var result = Domain("192.0.2.10");
        Assert.Equal("192.0.2.10", result.Value);
        Assert.Contains("IP address", result.Note);
    }

    [Theory]
    [InlineData("localhost", "must contain a dot")]
    [InlineData("example", "must contain a dot")]
    [InlineData("exa mple.com", "spaces")]
    [InlineData("example..com", "empty part")]
    [InlineData(".example.com", "empty part")]
    [InlineData("-example.com", "hyphen")]
    [InlineData("example.123", "ends in a number")]
    [InlineData("256.1.1.1", "ends in a number")]
    [InlineData("01.2.3.4", "ends in a number")]
    [InlineData("exa!mple.com", "'!'")]
    [InlineData("mailto:ada@example.com", "'mailto:' address")]
    public void Apply_NotADomain_ExplainsWhy(string input, string expected)
    {
        var result = Domain(input);
        Assert.Null(result.Value);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Apply_DomainLongerThan253Characters_IsRefused() =>
        Assert.Contains("253", Domain(string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + ".com").Error);
}
