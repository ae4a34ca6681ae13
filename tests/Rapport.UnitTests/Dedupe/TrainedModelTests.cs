using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

public sealed class TrainedModelTests(ScannedContacts contacts) : IClassFixture<ScannedContacts>
{
    [Fact]
    public void ToJson_FromJson_KeepsEveryParameter()
    {
        var model = contacts.Result.Model;

        var copy = TrainedModel.FromJson(model.ToJson());

        Assert.Equal(model.MatchesPerRecord, copy.MatchesPerRecord);
        Assert.Equal(model.RelatedPerRecord, copy.RelatedPerRecord);
        Assert.Equal(model.TrainedRecords, copy.TrainedRecords);
        Assert.Equal(model.Fields.Count, copy.Fields.Count);
        for (var f = 0; f < model.Fields.Count; f++)
        {
            Assert.Equal(model.Fields[f].Name, copy.Fields[f].Name);
            Assert.Equal(model.Fields[f].Kind, copy.Fields[f].Kind);
            Assert.Equal(model.Fields[f].TermFrequencies, copy.Fields[f].TermFrequencies);
            Assert.Equal(model.Fields[f].Levels, copy.Fields[f].Levels);
        }
        Assert.Equal(model.Dependences.Select(d => (d.FieldA, d.FieldB)), copy.Dependences.Select(d => (d.FieldA, d.FieldB)));
        Assert.Equal(model.Dependences.SelectMany(d => d.Bits.SelectMany(r => r)), copy.Dependences.SelectMany(d => d.Bits.SelectMany(r => r)));
    }

    [Fact]
    public void ToJson_NamesKindsAndLevelsReadably()
    {
        var json = contacts.Result.Model.ToJson();

        Assert.Contains("\"kind\": \"email\"", json);
        Assert.Contains("\"name\": \"transposed\"", json);
        Assert.Contains("\"matchesPerRecord\"", json);
    }
}
