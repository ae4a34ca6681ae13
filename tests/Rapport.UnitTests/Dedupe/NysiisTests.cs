using Rapport.Integration.Dedupe.Strings;

namespace Rapport.UnitTests.Dedupe;

public class NysiisTests
{
    [Theory]
    [InlineData("Worthy", "WARTY")]
    [InlineData("Ogata", "OGAT")]
    [InlineData("montgomery", "MANTGANARY")]
    [InlineData("Costales", "CASTAL")]
    [InlineData("Tu", "T")]
    [InlineData("martincevic", "MARTANCAFAC")]
    [InlineData("Catherine", "CATARAN")]
    [InlineData("Katherine", "CATARAN")]
    [InlineData("Katerina", "CATARAN")]
    [InlineData("Johnathan", "JANATAN")]
    [InlineData("Jonathan", "JANATAN")]
    [InlineData("John", "JAN")]
    [InlineData("Teresa", "TARAS")]
    [InlineData("Theresa", "TARAS")]
    [InlineData("Jessica", "JASAC")]
    [InlineData("Joshua", "JAS")]
    [InlineData("Bosch", "BAS")]
    [InlineData("Lapher", "LAFAR")]
    [InlineData("wiyh", "WY")]
    [InlineData("MacArthur", "MCARTAR")]
    [InlineData("Pheenard", "FANAD")]
    [InlineData("Schmittie", "SNATY")]
    [InlineData("Knaqze", "NAGS")]
    [InlineData("Knokno", "NAN")]
    [InlineData("Knoko", "NAC")]
    [InlineData("Macaw", "MC")]
    [InlineData("PFEISTER", "FASTAR")]
    [InlineData("SARAH", "SAR")]
    [InlineData("K", "C")]
    [InlineData("", "")]
    public void Encode_ReferenceNames_GiveTheirNysiisCode(string name, string code) =>
        Assert.Equal(code, Nysiis.Encode(name.ToLowerInvariant()));

    [Fact]
    public void Pack_SpellingVariants_ShareOneNumber()
    {
        Assert.Equal(Nysiis.Pack("catherine"), Nysiis.Pack("katherine"));
        Assert.NotEqual(Nysiis.Pack("catherine"), Nysiis.Pack("jonathan"));
        Assert.Equal(0UL, Nysiis.Pack("1234"));
    }
}
