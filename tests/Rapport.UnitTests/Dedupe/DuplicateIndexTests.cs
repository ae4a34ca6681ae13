using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

public sealed class DuplicateIndexTests(ScannedContacts contacts) : IClassFixture<ScannedContacts>
{
    private DuplicateIndex Index => field ??= DuplicateIndex.Build(contacts.Table, contacts.Config, contacts.Result.Model);

    [Fact]
    public void Check_ExistingRecordWithATypoAndNoEmail_FindsItFirst()
    {
        var row = Enumerable.Range(0, contacts.Table.Count).First(r => contacts.Table.Value(r, 2) is not null);
        var incoming = contacts.Row(row);
        incoming[1] = incoming[1]![..^1] + "x";
        incoming[2] = null;

        var found = Index.Check(incoming);

        Assert.NotEmpty(found);
        Assert.Equal(contacts.Entities[row], contacts.Entities[found[0].Row]);
        Assert.Equal(contacts.Table.Id(found[0].Row), found[0].Id);
        Assert.Contains("firstName", found[0].MatchedFields);
    }

    [Fact]
    public void Check_UnseenPerson_FindsNothing()
    {
        var found = Index.Check(["Zebulon", "Quaxworthy", "zq@example.org", "+19995550000", "1 Nowhere Lane", "Atlantis", "00001", "US", "1901-01-01"]);

        Assert.Empty(found);
    }

    [Fact]
    public void Check_Batch_AnswersEachRecordInOrderAtMostMaxEach()
    {
        var incoming = new MatchTable(ContactGenerator.Fields);
        for (var row = 0; row < 50; row++) incoming.Add(Guid.NewGuid(), contacts.Row(row));

        var answers = Index.Check(incoming, max: 2);

        Assert.Equal(50, answers.Count);
        for (var row = 0; row < 50; row++)
        {
            Assert.InRange(answers[row].Count, 1, 2);
            Assert.Equal(contacts.Entities[row], contacts.Entities[answers[row][0].Row]);
            Assert.True(answers[row].SequenceEqual(answers[row].OrderByDescending(c => c.Probability)));
        }
    }

    [Fact]
    public void Build_ModelForOtherFields_Throws()
    {
        var other = new MatchConfig([new("email", MatchKind.Email)], [BlockingRule.Parse("email")]);

        Assert.Throws<ArgumentException>(() => DuplicateIndex.Build(contacts.Table, other, contacts.Result.Model));
    }
}
