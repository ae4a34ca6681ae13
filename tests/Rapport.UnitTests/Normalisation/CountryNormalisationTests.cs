using Rapport.Domain.Normalisation;
using Rapport.Domain.Reference;

namespace Rapport.UnitTests.Normalisation;

public class CountryNormalisationTests
{
    private static NormaliseResult Country(string input) => Normaliser.Apply(NormalisationRule.Country, input);

    [Theory]
    [InlineData("DE", "DE")]
    [InlineData("de", "DE")]
    [InlineData(" De ", "DE")]
    [InlineData("ｄｅ", "DE")]
    [InlineData("DEU", "DE")]
    [InlineData("deu", "DE")]
    [InlineData("GBR", "GB")]
    [InlineData("USA", "US")]
    [InlineData("CHE", "CH")]
    public void Apply_Code_ReturnsAlpha2(string input, string expected) =>
        Assert.Equal(expected, Country(input).Value);

    [Fact]
    public void Apply_EveryAlpha3Code_ReturnsItsAlpha2() =>
        Assert.All(CountryCodes.All, code => Assert.Equal(code, Country(CountryCodes.Alpha3(code)!).Value));

    [Fact]
    public void Apply_EveryEnglishShortName_ReturnsItsAlpha2() =>
        Assert.All(CountryCodes.All, code => Assert.Equal(code, Country(CountryCodes.Name(code)!).Value));

    [Fact]
    public void Apply_EveryEnglishShortNameInUpperCase_ReturnsItsAlpha2() =>
        Assert.All(CountryCodes.All, code => Assert.Equal(code, Country(CountryCodes.Name(code)!.ToUpperInvariant()).Value));

    [Theory]
    [InlineData("Germany", "DE")]
    [InlineData("GERMANY", "DE")]
    [InlineData("the Netherlands", "NL")]
    [InlineData("Netherlands, The", "NL")]
    [InlineData("Cote d'Ivoire", "CI")]
    [InlineData("Côte d’Ivoire", "CI")]
    [InlineData("COTE DIVOIRE", "CI")]
    [InlineData("Curacao", "CW")]
    [InlineData("Reunion", "RE")]
    [InlineData("Aland Islands", "AX")]
    [InlineData("Trinidad & Tobago", "TT")]
    [InlineData("St. Lucia", "LC")]
    [InlineData("St Kitts and Nevis", "KN")]
    [InlineData("Guinea Bissau", "GW")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("Congo, Democratic Republic of the", "CD")]
    [InlineData("Sao Tome & Principe", "ST")]
    [InlineData("São Tomé and Príncipe", "ST")]
    [InlineData("  United   Kingdom ", "GB")]
    public void Apply_EnglishNameWrittenLoosely_ReturnsAlpha2(string input, string expected) =>
        Assert.Equal(expected, Country(input).Value);

    [Theory]
    [InlineData("UK", "GB")]
    [InlineData("U.K.", "GB")]
    [InlineData("Great Britain", "GB")]
    [InlineData("Britain", "GB")]
    [InlineData("England", "GB")]
    [InlineData("Scotland", "GB")]
    [InlineData("Wales", "GB")]
    [InlineData("Northern Ireland", "GB")]
    [InlineData("Großbritannien", "GB")]
    [InlineData("Grossbritannien", "GB")]
    [InlineData("U.S.A.", "US")]
    [InlineData("U.S.", "US")]
    [InlineData("United States", "US")]
    [InlineData("United States of America", "US")]
    [InlineData("America", "US")]
    [InlineData("Deutschland", "DE")]
    [InlineData("Holland", "NL")]
    [InlineData("The Netherlands", "NL")]
    [InlineData("South Korea", "KR")]
    [InlineData("Korea", "KR")]
    [InlineData("Republic of Korea", "KR")]
    [InlineData("North Korea", "KP")]
    [InlineData("Russia", "RU")]
    [InlineData("Czech Republic", "CZ")]
    [InlineData("Czechia", "CZ")]
    [InlineData("Ivory Coast", "CI")]
    [InlineData("Vietnam", "VN")]
    [InlineData("Viet Nam", "VN")]
    [InlineData("UAE", "AE")]
    [InlineData("Schweiz", "CH")]
    [InlineData("Suisse", "CH")]
    [InlineData("Svizzera", "CH")]
    [InlineData("España", "ES")]
    [InlineData("Espana", "ES")]
    [InlineData("Österreich", "AT")]
    [InlineData("Osterreich", "AT")]
    [InlineData("Oesterreich", "AT")]
    [InlineData("Italia", "IT")]
    [InlineData("Brasil", "BR")]
    [InlineData("México", "MX")]
    [InlineData("Türkiye", "TR")]
    [InlineData("Turkiye", "TR")]
    [InlineData("Turkey", "TR")]
    [InlineData("Iran", "IR")]
    [InlineData("Iran, Islamic Republic of", "IR")]
    [InlineData("Syria", "SY")]
    [InlineData("Laos", "LA")]
    [InlineData("Bolivia", "BO")]
    [InlineData("Venezuela", "VE")]
    [InlineData("Tanzania", "TZ")]
    [InlineData("Moldova", "MD")]
    [InlineData("Macedonia", "MK")]
    [InlineData("North Macedonia", "MK")]
    [InlineData("Swaziland", "SZ")]
    [InlineData("Eswatini", "SZ")]
    [InlineData("Burma", "MM")]
    [InlineData("Myanmar", "MM")]
    [InlineData("Cape Verde", "CV")]
    [InlineData("East Timor", "TL")]
    [InlineData("Vatican", "VA")]
    [InlineData("Vatican City", "VA")]
    [InlineData("Palestine", "PS")]
    [InlineData("Taiwan", "TW")]
    [InlineData("Hong Kong", "HK")]
    [InlineData("Macau", "MO")]
    [InlineData("Macao", "MO")]
    [InlineData("DR Congo", "CD")]
    [InlineData("Democratic Republic of the Congo", "CD")]
    [InlineData("Republic of the Congo", "CG")]
    public void Apply_AliasOrLocalName_ReturnsAlpha2(string input, string expected) =>
        Assert.Equal(expected, Country(input).Value);

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("ZZ")]
    [InlineData("XYZ")]
    [InlineData("Germanyy")]
    [InlineData("The")]
    [InlineData("...")]
    public void Apply_UnknownCountry_ReturnsErrorQuotingIt(string input)
    {
        var result = Country(input);
        Assert.Null(result.Value);
        Assert.Equal($"unknown country '{input}'", result.Error);
    }

    [Fact]
    public void Apply_LowerCaseCode_ReturnsSharedInstanceWithoutAllocating()
    {
        var first = Country("de").Value;
        Assert.Same(first, Country("Germany").Value);
    }
}
