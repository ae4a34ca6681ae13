using Rapport.Domain.Normalisation;

namespace Rapport.UnitTests.Normalisation;

public class PostcodeNormalisationTests
{
    private static NormaliseResult Postcode(string input, string? country) =>
        Normaliser.Apply(NormalisationRule.Postcode, input, new NormaliseContext(null, country));

    /// <summary>One real-looking code per country with a known shape, written loosely.</summary>
    public static TheoryData<string, string, string> Codes() => new()
    {
        { "US", "90210", "90210" },
        { "CA", "k1a0b1", "K1A 0B1" },
        { "GB", "sw1a1aa", "SW1A 1AA" },
        { "IE", "a65f4e2", "A65 F4E2" },
        { "NL", "1012js", "1012 JS" },
        { "DE", "10115", "10115" },
        { "FR", "75001", "75001" },
        { "IT", "00184", "00184" },
        { "ES", "28013", "28013" },
        { "FI", "00100", "00100" },
        { "MX", "06000", "06000" },
        { "MY", "50450", "50450" },
        { "TH", "10200", "10200" },
        { "KR", "03187", "03187" },
        { "TR", "06420", "06420" },
        { "UA", "01001", "01001" },
        { "HR", "10000", "10000" },
        { "EE", "10111", "10111" },
        { "ID", "10110", "10110" },
        { "PK", "44000", "44000" },
        { "EG", "11511", "11511" },
        { "KE", "00100", "00100" },
        { "PE", "15001", "15001" },
        { "SA", "12345 6789", "12345-6789" },
        { "BE", "1000", "1000" },
        { "AT", "A-1010", "1010" },
        { "CH", "CH-8001", "8001" },
        { "LI", "9490", "9490" },
        { "DK", "DK-1050", "1050" },
        { "NO", "0150", "0150" },
        { "AU", "2000", "2000" },
        { "NZ", "6011", "6011" },
        { "ZA", "8001", "8001" },
        { "HU", "1051", "1051" },
        { "LU", "L-1111", "1111" },
        { "SI", "1000", "1000" },
        { "BG", "1000", "1000" },
        { "PH", "1000", "1000" },
        { "BD", "1000", "1000" },
        { "SE", "11455", "114 55" },
        { "CZ", "11000", "110 00" },
        { "SK", "811 01", "811 01" },
        { "GR", "10682", "106 82" },
        { "PL", "00950", "00-950" },
        { "PT", "1100 148", "1100-148" },
        { "JP", "〒100-0001", "100-0001" },
        { "BR", "01310100", "01310-100" },
        { "IN", "110 001", "110001" },
        { "CN", "100000", "100000" },
        { "RU", "101000", "101000" },
        { "SG", "018956", "018956" },
        { "RO", "010011", "010011" },
        { "BY", "220030", "220030" },
        { "CO", "110111", "110111" },
        { "NG", "100001", "100001" },
        { "CL", "8320000", "8320000" },
        { "IL", "6100000", "6100000" },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Apply_CodeForCountry_IsWrittenInTheCountrysShape(string country, string input, string expected) =>
        Assert.Equal(expected, Postcode(input, country).Value);

    [Fact]
    public void Codes_CoverEveryCountryWithAShape() =>
        Assert.Equal(Normaliser.PostcodeCountries.Order(), Codes().Select(row => (string)row[0]).Order());

    [Theory]
    [InlineData("US", "12345-6789", "12345-6789")]
    [InlineData("US", "123456789", "12345-6789")]
    [InlineData("US", " 12345 – 6789 ", "12345-6789")]
    [InlineData("GB", "EC1A 1BB", "EC1A 1BB")]
    [InlineData("GB", "w1a 0ax", "W1A 0AX")]
    [InlineData("GB", "M1 1AE", "M1 1AE")]
    [InlineData("GB", "B33 8TH", "B33 8TH")]
    [InlineData("GB", "CR2 6XH", "CR2 6XH")]
    [InlineData("GB", "DN55 1PT", "DN55 1PT")]
    [InlineData("GB", "gir0aa", "GIR 0AA")]
    [InlineData("GB", "SW1A  1AA", "SW1A 1AA")]
    [InlineData("IE", "D6W XY12", "D6W XY12")]
    [InlineData("CA", "K1A-0B1", "K1A 0B1")]
    [InlineData("NL", "1012 js", "1012 JS")]
    [InlineData("DE", "D-10115", "10115")]
    [InlineData("DE", "１０１１５", "10115")]
    [InlineData("DE", "١٠١١٥", "10115")]
    [InlineData("DE", "10115\u00A0", "10115")]
    [InlineData("PL", "00 950", "00-950")]
    [InlineData("SE", "SE-114 55", "114 55")]
    public void Apply_LooselyWrittenCode_IsCanonical(string country, string input, string expected) =>
        Assert.Equal(expected, Postcode(input, country).Value);

    [Theory]
    [InlineData("US", "1234", "United States of America: expected 12345 or 12345-6789 (was a leading 0 lost")]
    [InlineData("DE", "1067", "Germany: expected 12345 (was a leading 0 lost")]
    [InlineData("DE", "101150", "Germany: expected 12345")]
    [InlineData("GB", "SW1A", "United Kingdom: expected SW1A 1AA")]
    [InlineData("GB", "SW1A 1A1", "United Kingdom")]
    [InlineData("GB", "1W1A 1AA", "United Kingdom")]
    [InlineData("CA", "123 456", "Canada: expected A1B 2C3")]
    [InlineData("NL", "1012", "Netherlands: expected 1234 AB")]
    [InlineData("IE", "A65", "Ireland: expected A65 F4E2")]
    [InlineData("JP", "100-00011", "Japan: expected 123-4567")]
    [InlineData("DE", "10115/B", "Germany")]
    [InlineData("DE", "ABCD-10115", "Germany")]
    public void Apply_CodeNotInCountrysShape_NamesCountryAndShape(string country, string input, string expected)
    {
        var result = Postcode(input, country);
        Assert.Null(result.Value);
        Assert.Contains($"is not a valid postcode for {expected}", result.Error);
    }

    [Theory]
    [InlineData(null, " ab1 2cd ", "AB1 2CD")]
    [InlineData(null, "75001", "75001")]
    [InlineData("MT", "vlt 1117", "VLT 1117")]
    [InlineData("AE", "anything  at all", "ANYTHING AT ALL")]
    [InlineData("XX", "ab-12", "AB-12")]
    public void Apply_CountryWithoutKnownShape_OnlyTrimsCollapsesAndUpperCases(string? country, string input, string expected) =>
        Assert.Equal(expected, Postcode(input, country).Value);

    [Fact]
    public void Apply_DefaultRegionOnly_IsUsedAsTheCountry() =>
        Assert.Equal("10115", Normaliser.Apply(NormalisationRule.Postcode, "D-10115", new NormaliseContext("DE", null)).Value);
}
