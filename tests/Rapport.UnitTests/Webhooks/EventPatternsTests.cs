using Rapport.Api.Webhooks;

namespace Rapport.UnitTests.Webhooks;

public class EventPatternsTests
{
    [Theory]
    [InlineData("*")]
    [InlineData("contact.*")]
    [InlineData("*.deleted")]
    [InlineData("*.*")]
    [InlineData("account.created")]
    [InlineData("opportunity.merged")]
    public void Validate_WellFormedPattern_Null(string pattern)
    {
        Assert.Null(EventPatterns.Validate(pattern));
    }

    [Theory]
    [InlineData("contacts.created", "'contacts'")]
    [InlineData("contact.exploded", "'exploded'")]
    [InlineData("contact", "<object>.<op>")]
    [InlineData("contact.created.now", "<object>.<op>")]
    [InlineData("con*.created", "'con*'")]
    [InlineData("", "<object>.<op>")]
    public void Validate_BadPattern_SaysWhatIsWrong(string pattern, string named)
    {
        Assert.Contains(named, EventPatterns.Validate(pattern), StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_Patterns_MatchWholePartsOrWildcards()
    {
        var patterns = EventPatterns.Parse(["contact.*", "*.deleted", "account.created"]);

        Assert.True(patterns.Matches("contact", "created"));
        Assert.True(patterns.Matches("contact", "merged"));
        Assert.True(patterns.Matches("lead", "deleted"));
        Assert.True(patterns.Matches("account", "created"));
        Assert.False(patterns.Matches("account", "updated"));
        Assert.False(patterns.Matches("lead", "created"));
    }

    [Fact]
    public void Matches_Star_MatchesEveryEvent()
    {
        var all = EventPatterns.Parse(["*"]);

        foreach (var singular in EventPatterns.Objects)
            foreach (var op in EventPatterns.Ops)
                Assert.True(all.Matches(singular, op));
    }
}
