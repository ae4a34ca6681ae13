using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

public class BlockingRuleTests
{
    private static readonly MatchField[] Fields = [new("lastName", MatchKind.Name), new("email", MatchKind.Email), new("birthDate", MatchKind.Date)];

    [Theory]
    [InlineData("phonetic(lastName) & initial(lastName)")]
    [InlineData("email")]
    [InlineData("year(birthDate) & prefix3(lastName)")]
    public void Parse_WrittenForm_RoundTrips(string text) => Assert.Equal(text, BlockingRule.Parse(text).ToString());

    [Fact]
    public void Parse_TransformNames_AreCaseInsensitive()
    {
        var rule = BlockingRule.Parse(" Phonetic( lastName ) &email");
        Assert.Equal([new BlockingKey("lastName", BlockingTransform.Phonetic), new BlockingKey("email", BlockingTransform.Exact)], rule.Keys);
    }

    [Theory]
    [InlineData("soundex(lastName)")]
    [InlineData("phonetic(lastName")]
    [InlineData("phonetic()")]
    [InlineData(" & ")]
    public void Parse_Malformed_Throws(string text) => Assert.Throws<FormatException>(() => BlockingRule.Parse(text));

    [Theory]
    [InlineData("phone")]
    [InlineData("phonetic(email)")]
    [InlineData("year(lastName)")]
    public void MatchConfig_RuleOnUnknownFieldOrWrongTransform_Throws(string rule) =>
        Assert.Throws<ArgumentException>(() => new MatchConfig(Fields, [BlockingRule.Parse(rule)]));

    [Fact]
    public void MatchConfig_SortByUnknownField_Throws() =>
        Assert.Throws<ArgumentException>(() => new MatchConfig(Fields, [new BlockingRule([new BlockingKey("email", BlockingTransform.Exact)], ["phone"])]));
}
