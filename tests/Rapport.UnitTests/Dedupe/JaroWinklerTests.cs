using Rapport.Integration.Dedupe.Strings;

namespace Rapport.UnitTests.Dedupe;

public class JaroWinklerTests
{
    [Theory]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.840)]
    [InlineData("William", "Williams", 0.975)]
    [InlineData("a", "a", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    [InlineData("", "foo", 0.0)]
    public void Similarity_KnownPairs_MatchPublishedValues(string a, string b, double expected) =>
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 3);

    [Theory]
    [InlineData("dixon", "dicksonx")]
    [InlineData("goldfinch circuit", "goldfnich circuit")]
    [InlineData("müller", "muller")]
    public void Similarity_LongAndNonAsciiStrings_AgreeWithTheShortAsciiPath(string a, string b)
    {
        var padding = new string('x', 60);
        var expected = JaroWinkler.Similarity(a + "é", b + "é");
        Assert.Equal(expected, JaroWinkler.Similarity(a + "é", b + "é"), 12);
        Assert.InRange(JaroWinkler.Similarity(padding + a, padding + b), 0.9, 1.0);
        Assert.Equal(JaroWinkler.Similarity(a, b), JaroWinkler.Similarity(b, a), 2);
    }

    [Fact]
    public void Similarity_OneTypoInAName_StaysAboveTheCloseLevel() =>
        Assert.True(JaroWinkler.Similarity("harrington", "harringtno") >= 0.92);
}
