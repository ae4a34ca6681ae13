using Rapport.Domain.Normalisation;

namespace Rapport.UnitTests.Normalisation;

public class PhoneNormalisationTests
{
    private static NormaliseResult Phone(string input, string? region = null) =>
        Normaliser.Apply(NormalisationRule.Phone, input, new NormaliseContext(region, null));

    /// <summary>
    /// One national number per country in the table, from the regulators' drama and test ranges where
    /// they exist (Ofcom 020 7946 0xxx, NANP 555-01xx, ARCEP 01 99 00, PTS 070-174 06 05..99,
    /// ACMA 0491 570 xxx and 02 5550 xxxx); elsewhere a made-up number of a valid shape.
    /// </summary>
    public static TheoryData<string, string, string> NationalNumbers() => new()
    {
        { "US", "(201) 555-0123", "+12015550123" },
        { "CA", "(416) 555-0199", "+14165550199" },
        { "GB", "020 7946 0958", "+442079460958" },
        { "IE", "(01) 234 5678", "+35312345678" },
        { "DE", "030 1234567", "+49301234567" },
        { "AT", "01 5123456", "+4315123456" },
        { "CH", "044 668 18 00", "+41446681800" },
        { "LI", "235 12 34", "+4232351234" },
        { "FR", "01 99 00 12 34", "+33199001234" },
        { "BE", "02 123 45 67", "+3221234567" },
        { "NL", "020 123 4567", "+31201234567" },
        { "LU", "26 12 34 56", "+35226123456" },
        { "IT", "06 1234 5678", "+390612345678" },
        { "ES", "912 345 678", "+34912345678" },
        { "PT", "213 456 789", "+351213456789" },
        { "GR", "210 123 4567", "+302101234567" },
        { "SE", "070-174 06 05", "+46701740605" },
        { "NO", "22 12 34 56", "+4722123456" },
        { "DK", "32 12 34 56", "+4532123456" },
        { "FI", "09 123 4567", "+35891234567" },
        { "IS", "555 1234", "+3545551234" },
        { "PL", "22 123 45 67", "+48221234567" },
        { "CZ", "212 345 678", "+420212345678" },
        { "SK", "02/1234 5678", "+421212345678" },
        { "HU", "06 1 234 5678", "+3612345678" },
        { "RO", "021 123 4567", "+40211234567" },
        { "UA", "044 123 4567", "+380441234567" },
        { "RU", "8 (495) 123-45-67", "+74951234567" },
        { "KZ", "8 (727) 123 45 67", "+77271234567" },
        { "TR", "0212 123 45 67", "+902121234567" },
        { "IL", "03-123-4567", "+97231234567" },
        { "AE", "04 123 4567", "+97141234567" },
        { "SA", "011 123 4567", "+966111234567" },
        { "EG", "02 1234 5678", "+20212345678" },
        { "ZA", "021 123 4567", "+27211234567" },
        { "NG", "0803 123 4567", "+2348031234567" },
        { "KE", "0712 345678", "+254712345678" },
        { "IN", "098765 43210", "+919876543210" },
        { "PK", "021 1234 5678", "+922112345678" },
        { "BD", "02-9123456", "+88029123456" },
        { "CN", "010 1234 5678", "+861012345678" },
        { "JP", "03-1234-5678", "+81312345678" },
        { "KR", "02-123-4567", "+8221234567" },
        { "TW", "02 1234 5678", "+886212345678" },
        { "HK", "2123 4567", "+85221234567" },
        { "SG", "6123 4567", "+6561234567" },
        { "MY", "03-1234 5678", "+60312345678" },
        { "TH", "02 123 4567", "+6621234567" },
        { "VN", "024 1234 5678", "+842412345678" },
        { "ID", "021 1234 5678", "+622112345678" },
        { "PH", "02 8123 4567", "+63281234567" },
        { "AU", "0491 570 006", "+61491570006" },
        { "NZ", "09 123 4567", "+6491234567" },
        { "BR", "(11) 91234-5678", "+5511912345678" },
        { "MX", "55 1234 5678", "+525512345678" },
        { "AR", "011 4123-4567", "+541141234567" },
        { "CO", "601 234 5678", "+576012345678" },
        { "CL", "2 2123 4567", "+56221234567" },
        { "PE", "01 123 4567", "+5111234567" },
    };

    [Theory]
    [MemberData(nameof(NationalNumbers))]
    public void Apply_NationalNumberWithRegion_BecomesE164(string region, string input, string expected) =>
        Assert.Equal(expected, Phone(input, region).Value);

    [Theory]
    [MemberData(nameof(NationalNumbers))]
    public void Apply_E164Number_IsAcceptedForEveryCountryWhateverTheRegion(string region, string input, string expected)
    {
        _ = region;
        _ = input;
        Assert.Same(expected, Phone(expected, "JP").Value);
    }

    [Fact]
    public void NationalNumbers_CoverEveryRegionInThePhoneTable() =>
        Assert.Equal(Normaliser.PhoneRegions.Order(), NationalNumbers().Select(row => (string)row[0]).Order());

    [Theory]
    [InlineData("+44 20 7946 0958", null, "+442079460958")]
    [InlineData("0044 20 7946 0958", null, "+442079460958")]
    [InlineData("00 44 20 7946 0958", "DE", "+442079460958")]
    [InlineData("(020) 7946 0958", "GB", "+442079460958")]
    [InlineData("+44 (0)20 7946 0958", null, "+442079460958")]
    [InlineData("+44 020 7946 0958", null, "+442079460958")]
    [InlineData("07700 900123", "GB", "+447700900123")]
    [InlineData("+49 (0)30 1234567", null, "+49301234567")]
    [InlineData("0049 (0) 30 1234567", null, "+49301234567")]
    [InlineData("(+44) 20 7946 0958", null, "+442079460958")]
    [InlineData("+44.20.7946.0958", null, "+442079460958")]
    [InlineData("tel:+1-201-555-0123", null, "+12015550123")]
    [InlineData("1-800-555-0199", "US", "+18005550199")]
    [InlineData("800-555-0199", "US", "+18005550199")]
    [InlineData("011 44 20 7946 0958", "US", "+442079460958")]
    [InlineData("0011 44 20 7946 0958", "AU", "+442079460958")]
    [InlineData("02 5550 1234", "AU", "+61255501234")]
    [InlineData("8 10 49 30 1234567", "RU", "+49301234567")]
    [InlineData("8 800 555-35-35", "RU", "+78005553535")]
    [InlineData("800 555-35-35", "RU", "+78005553535")]
    [InlineData("+7 800 555 35 35", null, "+78005553535")]
    [InlineData("+7 701 123 4567", "DE", "+77011234567")]
    [InlineData("06 20 123 4567", "HU", "+36201234567")]
    [InlineData("010 44 20 7946 0958", "JP", "+442079460958")]
    [InlineData("+39 06 1234 5678", null, "+390612345678")]
    [InlineData("+39 (0)6 1234 5678", null, "+390612345678")]
    [InlineData("+39 312 345 6789", null, "+393123456789")]
    [InlineData("044 55 1234 5678", "MX", "+525512345678")]
    [InlineData("+354 555 1234", null, "+3545551234")]
    [InlineData("+225 01 23 45 67 89", null, "+2250123456789")]
    [InlineData("+800 1234 5678", null, "+80012345678")]
    public void Apply_WrittenForms_BecomeE164(string input, string? region, string expected) =>
        Assert.Equal(expected, Phone(input, region).Value);

    /// <summary>Country from the record wins over the tenant default: the same digits mean different numbers.</summary>
    [Fact]
    public void Apply_RegionFromRecordCountry_DecidesTheCountryCode()
    {
        Assert.Equal("+33199001234", Phone("01 99 00 12 34", "FR").Value);
        Assert.Equal("+44199001234", Phone("01 99 00 12 34", "GB").Value);
    }

    [Theory]
    [InlineData("020 7946 0958 ext. 123", "123")]
    [InlineData("020 7946 0958 ext 123", "123")]
    [InlineData("020 7946 0958 extension 123", "123")]
    [InlineData("020 7946 0958 x123", "123")]
    [InlineData("020 7946 0958 X 123", "123")]
    [InlineData("020 7946 0958, ext. 123", "123")]
    [InlineData("020 7946 0958;ext=123", "123")]
    [InlineData("(020) 7946 0958x123", "123")]
    public void Apply_Extension_IsDroppedAndNoted(string input, string extension)
    {
        var result = Phone(input, "GB");
        Assert.Equal("+442079460958", result.Value);
        Assert.Contains($"extension {extension} dropped", result.Note);
    }

    [Fact]
    public void Apply_NumberWithoutExtension_HasNoNote() => Assert.Null(Phone("020 7946 0958", "GB").Note);

    [Theory]
    [InlineData("٠٢٠ ٧٩٤٦ ٠٩٥٨")]
    [InlineData("۰۲۰ ۷۹۴۶ ۰۹۵۸")]
    [InlineData("０２０　７９４６　０９５８")]
    [InlineData("020\u00A07946\u00A00958")]
    [InlineData("020\u20137946\u20130958")]
    [InlineData("\u200E020 7946 0958\u200F")]
    [InlineData("（020）7946-0958")]
    public void Apply_OtherScriptsDigitsFullWidthAndInvisibleCharacters_AreFolded(string input) =>
        Assert.Equal("+442079460958", Phone(input, "GB").Value);

    [Fact]
    public void Apply_FullWidthPlus_IsInternational() =>
        Assert.Equal("+442079460958", Phone("＋４４ ２０ ７９４６ ０９５８").Value);

    [Fact]
    public void Apply_NationalNumberWithoutRegion_NeedsCountryCodeOrRegion() =>
        Assert.Equal("needs a country code or a default region", Phone("030 1234567").Error);

    [Fact]
    public void Apply_NationalNumberForRegionWithoutPlan_SaysSoAndNamesTheCountry()
    {
        var error = Phone("21 123 456", "MT").Error;
        Assert.Contains("needs a country code", error);
        Assert.Contains("Malta", error);
    }

    [Theory]
    [InlineData("030 12", "DE", "too short for Germany (+49): 4 digits")]
    [InlineData("+49 123", null, "too short for Germany (+49)")]
    [InlineData("020 7946 09581", "GB", "too long for United Kingdom (+44): 11 digits after the country code, expected 7 to 10")]
    [InlineData("555-0123", "US", "too short for United States of America (+1): 7 digits after the country code, expected 10")]
    [InlineData("+1 023 555 0123", null, "cannot start with 0")]
    [InlineData("091 234 567", "ES", "cannot start with 0")]
    [InlineData("02 123", "KR", "too short for Republic of Korea (+82)")]
    public void Apply_WrongLengthOrShapeForCountry_NamesTheCountry(string input, string? region, string expected) =>
        Assert.Contains(expected, Phone(input, region).Error);

    [Theory]
    [InlineData("+49 30 CALL NOW", "'C'")]
    [InlineData("1-800-FLOWERS", "'F'")]
    [InlineData("030#1234567", "'#'")]
    [InlineData("49+301234567", "'+' that is not at the start")]
    [InlineData("++49301234567", "'+' that is not at the start")]
    [InlineData("+0301234567", "starting with 0")]
    [InlineData("00049301234567", "starting with 0")]
    [InlineData("+999 1234 5678", "unknown country code (+999)")]
    [InlineData("+", "no digits")]
    [InlineData("()-", "no digits")]
    [InlineData("00", "no digits after the international prefix")]
    [InlineData("+1234567890123456", "too long")]
    [InlineData("+354 123", "too short")]
    [InlineData("+3561234567890123", "at most 15 digits")]
    [InlineData("1234567890123456789012345", "too many digits")]
    [InlineData("x123", "'x'")]
    public void Apply_NotAPhoneNumber_ExplainsWhy(string input, string expected)
    {
        var result = Phone(input, "DE");
        Assert.Null(result.Value);
        Assert.Contains(expected, result.Error);
    }
}
