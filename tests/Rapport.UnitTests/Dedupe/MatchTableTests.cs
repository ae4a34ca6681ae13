using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

public class MatchTableTests
{
    private static readonly MatchField[] Fields = [new("firstName", MatchKind.Name), new("email", MatchKind.Email)];

    [Fact]
    public void Add_ManyRecords_KeepsValuesByColumnAndRow()
    {
        var table = new MatchTable(Fields, capacity: 1);
        var ids = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < ids.Length; i++) table.Add(ids[i], [$"name{i}", i % 2 == 0 ? null : $"m{i}@x.de"]);

        Assert.Equal(100, table.Count);
        Assert.Equal(ids[42], table.Id(42));
        Assert.Equal("name42", table.Value(42, 0));
        Assert.Null(table.Value(42, 1));
        Assert.Equal("m43@x.de", table.Column(1)[43]);
        Assert.Equal(1, table.IndexOf("email"));
        Assert.Equal(-1, table.IndexOf("phone"));
    }

    [Fact]
    public void Add_WrongNumberOfValues_Throws() =>
        Assert.Throws<ArgumentException>(() => new MatchTable(Fields).Add(Guid.NewGuid(), ["only one"]));

    [Fact]
    public void Constructor_DuplicateFieldName_Throws() =>
        Assert.Throws<ArgumentException>(() => new MatchTable([new("a", MatchKind.Name), new("a", MatchKind.Text)]));
}
