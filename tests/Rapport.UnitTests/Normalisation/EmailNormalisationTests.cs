using Rapport.Domain.Normalisation;

namespace Rapport.UnitTests.Normalisation;

public class EmailNormalisationTests
{
    private static NormaliseResult Email(string input) => Normaliser.Apply(NormalisationRule.Email, input);

    [Theory]
    [InlineData("ada@example.com", "ada@example.com")]
    [InlineData("Ada.Lovelace@Example.COM", "Ada.Lovelace@example.com")]
    [InlineData("  ada@example.com\u00A0", "ada@example.com")]
    [InlineData("\uFEFFada@example.com", "ada@example.com")]
    [InlineData("mailto:ada@example.com", "ada@example.com")]
    [InlineData("MAILTO:ada@example.com", "ada@example.com")]
    [InlineData("first.last+crm@mail.example.co.uk", "first.last+crm@mail.example.co.uk")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@example.com", "!#$%&'*+-/=?^_`{|}~@example.com")]
    [InlineData("ada@xn--bcher-kva.de", "ada@bücher.de")]
    [InlineData("ada@XN--BCHER-KVA.DE", "ada@bücher.de")]
    [InlineData("ada@BÜCHER.de", "ada@bücher.de")]
    [InlineData("ada@ｅｘａｍｐｌｅ．ｃｏｍ", "ada@example.com")]
    [InlineData("ada@example。com", "ada@example.com")]
    [InlineData("ada\u200B@example.com", "ada@example.com")]
    public void Apply_ValidAddress_LowerCasesDomainAndKeepsLocalPart(string input, string expected) =>
        Assert.Equal(expected, Email(input).Value);

    /// <summary>RFC 6531: the local part and the domain may be UTF-8.</summary>
    [Theory]
    [InlineData("用户@例子.广告", "用户@例子.广告")]
    [InlineData("Δοκιμή@Παράδειγμα.δοκιμή", "Δοκιμή@παράδειγμα.δοκιμή")]
    [InlineData("José.Müller@Bücher.DE", "José.Müller@bücher.de")]
    [InlineData("अजय@डाटा.भारत", "अजय@डाटा.भारत")]
    public void Apply_InternationalisedAddress_KeepsUnicodeWithLowerCaseDomain(string input, string expected) =>
        Assert.Equal(expected, Email(input).Value);

    [Theory]
    [InlineData("Ada Lovelace <ada@example.com>", "display name")]
    [InlineData("<ada@example.com>", "angle brackets")]
    [InlineData("\"ada lovelace\"@example.com", "quoted")]
    [InlineData("ada", "no '@'")]
    [InlineData("ada＠example.com", "no '@'")]
    [InlineData("ada@exa@mple.com", "more than one '@'")]
    [InlineData("ada@@example.com", "more than one '@'")]
    [InlineData("@example.com", "nothing before")]
    [InlineData("ada@", "no domain")]
    [InlineData("ada lovelace@example.com", "spaces")]
    [InlineData("ada@example", "must contain a dot")]
    [InlineData(".ada@example.com", "start with a dot")]
    [InlineData("ada.@example.com", "end with a dot")]
    [InlineData("ada..lovelace@example.com", "two dots")]
    [InlineData("ada@example..com", "empty part")]
    [InlineData("ada@.example.com", "empty part")]
    [InlineData("ada@example.com.", "ends with a dot")]
    [InlineData("ada@-example.com", "hyphen")]
    [InlineData("ada@example-.com", "hyphen")]
    [InlineData("ada@exa_mple.com", "'_'")]
    [InlineData("ada@[192.0.2.1]", "IP address")]
    [InlineData("ada@192.0.2.1", "ends in a number")]
    [InlineData("ada(comment)@example.com", "'('")]
    [InlineData("ada,b@example.com", "','")]
    [InlineData("ada@exämple!.com", "'!'")]
    [InlineData("ada@xn--zz.com", "punycode")]
    [InlineData("ada@xn--abc-.com", "hyphen")]
    [InlineData("ada\u0007@example.com", "not allowed")]
    [InlineData("ada@😀.com", "'😀'")]
    public void Apply_InvalidAddress_ExplainsWhy(string input, string expected)
    {
        var result = Email(input);
        Assert.Null(result.Value);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Apply_LocalPartOf64Octets_IsAccepted() =>
        Assert.True(Email(new string('a', 64) + "@example.com").IsValid);

    [Fact]
    public void Apply_LocalPartOf65Octets_IsRefused() =>
        Assert.Contains("64", Email(new string('a', 65) + "@example.com").Error);

    /// <summary>The limits are in octets: 33 two-byte letters are 66 octets.</summary>
    [Fact]
    public void Apply_LocalPartOf33NonAsciiLetters_IsRefused() =>
        Assert.Contains("64", Email(new string('é', 33) + "@example.com").Error);

    [Fact]
    public void Apply_DomainLabelOf64Characters_IsRefused() =>
        Assert.Contains("63", Email("ada@" + new string('b', 64) + ".com").Error);

    [Fact]
    public void Apply_AddressOf255Characters_IsRefused() =>
        Assert.Contains("254", Email(new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 3)) + ".comxxxx").Error);

    [Fact]
    public void Apply_UnicodeLabelLongerThan63OctetsOnceEncoded_IsRefused() =>
        Assert.Contains("63", Email("ada@" + new string('ü', 60) + ".de").Error);
}
