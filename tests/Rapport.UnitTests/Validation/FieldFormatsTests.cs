using System.Text;
using Rapport.Domain.Validation;

namespace Rapport.UnitTests.Validation;

public class FieldFormatsTests
{
    // ---- emails ----

    [Theory]
    [InlineData("ada@example.com", "ada@example.com")]
    [InlineData("Ada.Lovelace@Example.COM", "Ada.Lovelace@example.com")]
    [InlineData("ADA@EXAMPLE.COM", "ADA@example.com")]
    [InlineData("  ada@example.com  ", "ada@example.com")]
    [InlineData("first.last+crm@mail.example.co.uk", "first.last+crm@mail.example.co.uk")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    [InlineData("user_1@sub-domain.example.org", "user_1@sub-domain.example.org")]
    public void NormalizeEmail_ValidAddress_LowerCasesDomainAndKeepsLocalPart(string input, string expected) =>
        Assert.Equal(expected, FieldFormats.NormalizeEmail(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@example")]
    [InlineData("ada..lovelace@example.com")]
    [InlineData("ada@example..com")]
    [InlineData("ada@@example.com")]
    [InlineData("ada@exa@mple.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada@-example.com")]
    [InlineData("ada@example-.com")]
    [InlineData("ada@example.com.")]
    [InlineData("ada@.example.com")]
    [InlineData("ada@exa_mple.com")]
    [InlineData("<ada@example.com>")]
    public void NormalizeEmail_InvalidAddress_ReturnsNull(string input) =>
        Assert.Null(FieldFormats.NormalizeEmail(input));

    [Fact]
    public void NormalizeEmail_Exactly254Characters_IsAccepted()
    {
        var email = EmailOfLength(254);
        Assert.Equal(254, email.Length);
        Assert.Equal(email, FieldFormats.NormalizeEmail(email));
    }

    [Fact]
    public void NormalizeEmail_LongerThan254Characters_ReturnsNull()
    {
        var email = EmailOfLength(255);
        Assert.Equal(255, email.Length);
        Assert.Null(FieldFormats.NormalizeEmail(email));
    }

    [Fact]
    public void NormalizeEmail_LocalPartOf64Characters_IsAccepted() =>
        Assert.NotNull(FieldFormats.NormalizeEmail(new string('a', 64) + "@example.com"));

    [Fact]
    public void NormalizeEmail_LocalPartLongerThan64Characters_ReturnsNull() =>
        Assert.Null(FieldFormats.NormalizeEmail(new string('a', 65) + "@example.com"));

    /// <summary>A syntactically valid address of the given length: 64-character local part, domain labels of 60.</summary>
    private static string EmailOfLength(int length)
    {
        var domain = new StringBuilder();
        var bodyLength = length - 64 - 1 - ".com".Length;
        while (domain.Length < bodyLength) domain.Append(domain.Length % 61 == 60 ? '.' : 'b');
        return new string('a', 64) + "@" + domain + ".com";
    }

    // ---- phones ----

    [Theory]
    [InlineData("+49 30 1234567", "+49301234567")]
    [InlineData("+49-30-123 45 67", "+49301234567")]
    [InlineData("+49.30.1234567", "+49301234567")]
    [InlineData("0049 30 1234567", "+49301234567")]
    [InlineData("00 49 30 1234567", "+49301234567")]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData("  +44 20 7946 0958  ", "+442079460958")]
    public void NormalizePhone_InternationalNumber_BecomesE164(string input, string expected) =>
        Assert.Equal(expected, FieldFormats.NormalizePhone(input));

    /// <summary>"(0)" is the national trunk prefix written after the country code; E.164 drops it.</summary>
    [Theory]
    [InlineData("+49 (0)30 1234567", "+49301234567")]
    [InlineData("+44 (0) 20 7946 0958", "+442079460958")]
    public void NormalizePhone_InternationalNumberWithTrunkZeroInParentheses_DropsTheTrunkZero(string input, string expected) =>
        Assert.Equal(expected, FieldFormats.NormalizePhone(input));

    [Theory]
    [InlineData("030 1234567")]
    [InlineData("(030) 123-4567")]
    [InlineData("030/1234567")]
    [InlineData("030.123.4567")]
    [InlineData("110")]
    public void NormalizePhone_NationalNumber_IsKeptAsWritten(string input) =>
        Assert.Equal(input, FieldFormats.NormalizePhone(input));

    [Fact]
    public void NormalizePhone_NationalNumberWithSurroundingSpaces_IsTrimmed() =>
        Assert.Equal("030 1234567", FieldFormats.NormalizePhone("  030 1234567 "));

    [Theory]
    [InlineData("+49 30 CALL NOW")]
    [InlineData("030-HELLO")]
    [InlineData("030#1234567")]
    public void NormalizePhone_Letters_ReturnsNull(string input) =>
        Assert.Null(FieldFormats.NormalizePhone(input));

    /// <summary>E.164 has no extensions: the number is kept and the extension dropped, as by the Phone normalisation rule.</summary>
    [Theory]
    [InlineData("+49 30 1234567 ext 5", "+49301234567")]
    [InlineData("+49 30 1234567 x5", "+49301234567")]
    [InlineData("030 1234567 ext. 5", "030 1234567")]
    public void NormalizePhone_Extension_IsDropped(string input, string expected) =>
        Assert.Equal(expected, FieldFormats.NormalizePhone(input));

    [Theory]
    [InlineData("030  1234567", "030 1234567")]
    [InlineData("030\u00A01234567", "030 1234567")]
    [InlineData("０３０ １２３４５６７", "030 1234567")]
    [InlineData("030–1234567", "030-1234567")]
    public void NormalizePhone_NationalNumberWithOddSpacesDashesOrDigits_IsTidied(string input, string expected) =>
        Assert.Equal(expected, FieldFormats.NormalizePhone(input));

    [Fact]
    public void NormalizePhone_NationalNumberAsWritten_IsTheSameInstance()
    {
        const string input = "(030) 123-4567";
        Assert.Same(input, FieldFormats.NormalizePhone(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+")]
    [InlineData("12")]
    [InlineData("1-2")]
    [InlineData("+49 123")]
    [InlineData("+123456")]
    [InlineData("0049 12")]
    public void NormalizePhone_TooFewDigits_ReturnsNull(string input) =>
        Assert.Null(FieldFormats.NormalizePhone(input));

    [Theory]
    [InlineData("123456789012345678")]
    [InlineData("+1234567890123456")]
    [InlineData("+49 30 1234567 1234567 1234567 1")]
    public void NormalizePhone_TooManyDigitsOrCharacters_ReturnsNull(string input) =>
        Assert.Null(FieldFormats.NormalizePhone(input));

    [Theory]
    [InlineData("49+301234567")]
    [InlineData("++49301234567")]
    [InlineData("+0301234567")]
    [InlineData("00049301234567")]
    public void NormalizePhone_MisplacedPlusOrZeroCountryCode_ReturnsNull(string input) =>
        Assert.Null(FieldFormats.NormalizePhone(input));

    // ---- URLs ----

    [Theory]
    [InlineData("example.com", "https://example.com")]
    [InlineData("www.example.com/about?lang=de", "https://www.example.com/about?lang=de")]
    [InlineData("  example.com  ", "https://example.com")]
    [InlineData("example.com:8443/app", "https://example.com:8443/app")]
    [InlineData("http://example.com", "http://example.com")]
    [InlineData("https://example.com/path#top", "https://example.com/path#top")]
    public void NormalizeUrl_HttpUrlOrBareHost_ReturnsUrlWithScheme(string input, string expected) =>
        Assert.Equal(expected, FieldFormats.NormalizeUrl(input));

    /// <summary>A bare host gets https:// added even when its query string carries another URL.</summary>
    [Fact]
    public void NormalizeUrl_BareHostWhoseQueryContainsAUrl_GetsSchemeAdded() =>
        Assert.Equal("https://example.com/login?next=https://example.com/home",
            FieldFormats.NormalizeUrl("example.com/login?next=https://example.com/home"));

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("ftp://files.example.com/pub")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    public void NormalizeUrl_NonHttpScheme_ReturnsNull(string input) =>
        Assert.Null(FieldFormats.NormalizeUrl(input));

    [Theory]
    [InlineData("localhost")]
    [InlineData("http://localhost:8080")]
    [InlineData("https://intranet/")]
    public void NormalizeUrl_HostWithoutDot_ReturnsNull(string input) =>
        Assert.Null(FieldFormats.NormalizeUrl(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://")]
    [InlineData("http://exa mple.com")]
    public void NormalizeUrl_Malformed_ReturnsNull(string input) =>
        Assert.Null(FieldFormats.NormalizeUrl(input));

    [Theory]
    [InlineData("HTTPS://Example.COM/Path", "https://example.com/Path")]
    [InlineData("https://example.com/?utm_source=mail", "https://example.com")]
    public void NormalizeUrl_CaseAndTracking_AreNormalisedAsByTheWebsiteRule(string input, string expected) =>
        Assert.Equal(expected, FieldFormats.NormalizeUrl(input));

    [Fact]
    public void NormalizeEmail_InternationalisedAddress_IsAccepted() =>
        Assert.Equal("josé@bücher.de", FieldFormats.NormalizeEmail("josé@BÜCHER.DE"));

    // ---- field names ----

    [Theory]
    [InlineData("tier")]
    [InlineData("x")]
    [InlineData("lifetimeValue")]
    [InlineData("score_2")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890bc")] // 63 characters
    public void IsFieldName_ValidName_ReturnsTrue(string name) =>
        Assert.True(FieldFormats.IsFieldName(name));

    [Theory]
    [InlineData("")]
    [InlineData("Tier")]
    [InlineData("1tier")]
    [InlineData("_tier")]
    [InlineData("tier-level")]
    [InlineData("tier.level")]
    [InlineData("tier level")]
    [InlineData("tïer")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890bcd")] // 64 characters
    [InlineData("tier\n")]
    public void IsFieldName_InvalidName_ReturnsFalse(string name) =>
        Assert.False(FieldFormats.IsFieldName(name));

    // ---- external system names ----

    [Theory]
    [InlineData("erp")]
    [InlineData("SAP")]
    [InlineData("hub.spot")]
    [InlineData("sales-force")]
    [InlineData("legacy_crm2")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")] // 64 characters
    public void IsExternalSystemName_ValidName_ReturnsTrue(string name) =>
        Assert.True(FieldFormats.IsExternalSystemName(name));

    [Theory]
    [InlineData("")]
    [InlineData("1erp")]
    [InlineData("-erp")]
    [InlineData(".erp")]
    [InlineData("erp system")]
    [InlineData("erp/eu")]
    [InlineData("erp:eu")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")] // 65 characters
    [InlineData("erp\n")]
    public void IsExternalSystemName_InvalidName_ReturnsFalse(string name) =>
        Assert.False(FieldFormats.IsExternalSystemName(name));
}
