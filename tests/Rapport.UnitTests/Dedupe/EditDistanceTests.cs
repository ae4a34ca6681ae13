using Rapport.Integration.Dedupe.Strings;

namespace Rapport.UnitTests.Dedupe;

public class EditDistanceTests
{
    [Theory]
    [InlineData("7364009", "7364009", true)]
    [InlineData("7364009", "7364008", true)]
    [InlineData("7364009", "3764009", true)]
    [InlineData("7364009", "736409", true)]
    [InlineData("736409", "7364009", true)]
    [InlineData("7364009", "73640091", true)]
    [InlineData("4814", "4184", true)]
    [InlineData("7364009", "3764008", false)]
    [InlineData("7364009", "73649", false)]
    [InlineData("abc", "cab", false)]
    [InlineData("", "a", true)]
    public void WithinOne_OneSubstitutionInsertionDeletionOrAdjacentSwap_Only(string a, string b, bool expected) =>
        Assert.Equal(expected, EditDistance.WithinOne(a, b));
}
