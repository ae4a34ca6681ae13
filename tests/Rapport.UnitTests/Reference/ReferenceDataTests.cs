using Rapport.Domain.Reference;

namespace Rapport.UnitTests.Reference;

public class ReferenceDataTests
{
    [Theory]
    [InlineData("USD")]
    [InlineData("EUR")]
    [InlineData("JPY")]
    [InlineData("CHF")]
    [InlineData("GBP")]
    public void CurrencyIsValid_KnownCode_ReturnsTrue(string code) =>
        Assert.True(CurrencyCodes.IsValid(code));

    [Theory]
    [InlineData("usd")]
    [InlineData("EURO")]
    [InlineData("XXY")]
    [InlineData("")]
    public void CurrencyIsValid_UnknownOrMalformedCode_ReturnsFalse(string code) =>
        Assert.False(CurrencyCodes.IsValid(code));

    [Fact]
    public void CurrencyAll_Count_IsBetween150And190() =>
        Assert.InRange(CurrencyCodes.All.Count, 150, 190);

    [Fact]
    public void CurrencyAll_EveryCode_IsThreeUpperCaseLetters() =>
        Assert.All(CurrencyCodes.All, c => Assert.Matches("^[A-Z]{3}$", c));

    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    [InlineData("EUR", 2)]
    public void CurrencyMinorUnits_KnownCode_ReturnsIsoValue(string code, int expected) =>
        Assert.Equal(expected, CurrencyCodes.MinorUnits(code));

    [Theory]
    [InlineData("DE")]
    [InlineData("US")]
    [InlineData("GB")]
    [InlineData("FR")]
    [InlineData("JP")]
    [InlineData("CH")]
    [InlineData("BR")]
    [InlineData("IN")]
    public void CountryIsValid_KnownCode_ReturnsTrue(string code) =>
        Assert.True(CountryCodes.IsValid(code));

    [Theory]
    [InlineData("de")]
    [InlineData("UK")]
    [InlineData("ZZ")]
    [InlineData("")]
    public void CountryIsValid_UnknownOrMalformedCode_ReturnsFalse(string code) =>
        Assert.False(CountryCodes.IsValid(code));

    [Fact]
    public void CountryAll_Count_Is249() =>
        Assert.Equal(249, CountryCodes.All.Count);

    [Fact]
    public void CountryAll_EveryCode_IsTwoUpperCaseLettersWithName() =>
        Assert.All(CountryCodes.All, c =>
        {
            Assert.Matches("^[A-Z]{2}$", c);
            Assert.False(string.IsNullOrWhiteSpace(CountryCodes.Name(c)));
        });

    [Fact]
    public void CountryName_De_ReturnsGermany() =>
        Assert.Equal("Germany", CountryCodes.Name("DE"));

    [Fact]
    public void CountryName_UnknownCode_ReturnsNull() =>
        Assert.Null(CountryCodes.Name("ZZ"));

    [Theory]
    [InlineData("DE", "DEU")]
    [InlineData("GB", "GBR")]
    [InlineData("CH", "CHE")]
    [InlineData("KM", "COM")]
    [InlineData("TF", "ATF")]
    public void CountryAlpha3_KnownCode_ReturnsIsoValue(string alpha2, string alpha3)
    {
        Assert.Equal(alpha3, CountryCodes.Alpha3(alpha2));
        Assert.Equal(alpha2, CountryCodes.FromAlpha3(alpha3));
    }

    [Fact]
    public void CountryAlpha3_EveryCode_IsThreeUpperCaseLettersAndUnique()
    {
        var alpha3 = CountryCodes.All.Select(c => CountryCodes.Alpha3(c)!).ToList();
        Assert.All(alpha3, c => Assert.Matches("^[A-Z]{3}$", c));
        Assert.Equal(CountryCodes.All.Count, alpha3.Distinct().Count());
    }

    [Theory]
    [InlineData("deu")]
    [InlineData("XXX")]
    [InlineData("")]
    public void CountryFromAlpha3_UnknownOrMalformedCode_ReturnsNull(string code) =>
        Assert.Null(CountryCodes.FromAlpha3(code));
}
