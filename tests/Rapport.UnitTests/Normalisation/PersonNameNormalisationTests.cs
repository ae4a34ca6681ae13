using Rapport.Domain.Normalisation;

namespace Rapport.UnitTests.Normalisation;

public class PersonNameNormalisationTests
{
    private static string? Name(string input) => Normaliser.Apply(NormalisationRule.PersonName, input).Value;

    [Theory]
    [InlineData("  Ada   Lovelace ", "Ada Lovelace")]
    [InlineData("Ada\u00A0Lovelace", "Ada Lovelace")]
    [InlineData("Ada\tLovelace\r\n", "Ada Lovelace")]
    [InlineData("\u200BAda Lovelace", "Ada Lovelace")]
    public void Apply_ExtraWhitespace_IsCollapsed(string input, string expected) =>
        Assert.Equal(expected, Name(input));

    [Theory]
    [InlineData("JOHN SMITH", "John Smith")]
    [InlineData("john smith", "John Smith")]
    [InlineData("MARY-JANE SMITH-JONES", "Mary-Jane Smith-Jones")]
    [InlineData("JEAN-PIERRE", "Jean-Pierre")]
    [InlineData("SEAN MCDONALD", "Sean McDonald")]
    [InlineData("mcintyre", "McIntyre")]
    [InlineData("ANGUS MACDONALD", "Angus MacDonald")]
    [InlineData("macleod", "MacLeod")]
    [InlineData("MACK", "Mack")]
    [InlineData("MACY GRAY", "Macy Gray")]
    [InlineData("LUIS MACHADO", "Luis Machado")]
    [InlineData("mackey", "Mackey")]
    [InlineData("SHAQUILLE O'NEAL", "Shaquille O'Neal")]
    [InlineData("o'neil", "O'Neil")]
    [InlineData("D’ANGELO", "D’Angelo")]
    [InlineData("JOHN'S", "John's")]
    [InlineData("LUDWIG VAN BEETHOVEN", "Ludwig van Beethoven")]
    [InlineData("jan van der berg", "Jan van der Berg")]
    [InlineData("VAN DER BERG", "Van der Berg")]
    [InlineData("VAN", "Van")]
    [InlineData("DE LA CRUZ", "De la Cruz")]
    [InlineData("MARIA DE LA CRUZ", "Maria de la Cruz")]
    [InlineData("MARIA VON TRAPP", "Maria von Trapp")]
    [InlineData("LULA DA SILVA", "Lula da Silva")]
    [InlineData("MOHAMMED BIN SALMAN", "Mohammed bin Salman")]
    [InlineData("AHMED AL-FARSI", "Ahmed al-Farsi")]
    [InlineData("AL-FARSI", "Al-Farsi")]
    [InlineData("HENRY FORD III", "Henry Ford III")]
    [InlineData("JOHN SMITH IV", "John Smith IV")]
    [InlineData("MARTIN LUTHER KING JR.", "Martin Luther King Jr.")]
    [InlineData("VI", "Vi")]
    [InlineData("J.R.R. TOLKIEN", "J.R.R. Tolkien")]
    [InlineData("JOHN E SMITH", "John E Smith")]
    [InlineData("ÉMILE ZOLA", "Émile Zola")]
    [InlineData("SØREN KIERKEGAARD", "Søren Kierkegaard")]
    [InlineData("GROß", "Groß")]
    [InlineData("ΣΩΚΡΑΤΗΣ", "Σωκρατης")]
    [InlineData("ОЛЕГ ПЕТРОВ", "Олег Петров")]
    public void Apply_SingleCaseName_IsRecased(string input, string expected) =>
        Assert.Equal(expected, Name(input));

    [Theory]
    [InlineData("McKenzie")]
    [InlineData("DeShawn")]
    [InlineData("danah Boyd")]
    [InlineData("Vincent van Gogh")]
    [InlineData("Leonardo DiCaprio")]
    [InlineData("Macy")]
    [InlineData("MacDonald")]
    [InlineData("Macdonald")]
    [InlineData("d'Artagnan")]
    [InlineData("eBay Smith")]
    public void Apply_MixedCaseName_IsKeptAsWritten(string input) =>
        Assert.Same(input, Name(input));

    [Theory]
    [InlineData("毛泽东")]
    [InlineData("محمد")]
    [InlineData("123")]
    public void Apply_NameWithoutCasedLetters_IsKept(string input) =>
        Assert.Same(input, Name(input));

    [Fact]
    public void Apply_SingleCaseNameWithExtraSpaces_IsCollapsedAndRecased() =>
        Assert.Equal("Jan van der Berg", Name("  JAN  VAN   DER BERG "));
}
