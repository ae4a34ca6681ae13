using System.Text.Json.Nodes;
using Rapport.Domain.Merging;
using Rapport.Domain.Metadata;
using static Rapport.UnitTests.Validation.ValidationTestHelpers;

namespace Rapport.UnitTests.Merging;

public sealed class SurvivorshipTests
{
    private static readonly ObjectSchema Schema = Contacts(Custom("tier", "text"), Custom("score", "number"));
    private static readonly DateTime Old = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime New = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static MergeCandidate C(string json, DateTime updated) => new(Guid.CreateVersion7(), Body(json), updated);

    private static SurvivorshipResult Resolve(MergeCandidate survivor, MergeCandidate[] merged, SurvivorshipStrategy strategy = SurvivorshipStrategy.Survivor,
        string[]? priority = null, Dictionary<string, Guid>? choices = null) =>
        Survivorship.Resolve(Schema, survivor, merged, new SurvivorshipOptions(strategy, priority ?? [], choices ?? []));

    [Fact]
    public void Resolve_SurvivorStrategy_KeepsTheSurvivorsValuesAndFillsGapsFromTheMostRecent()
    {
        var survivor = C("""{ "lastName": "Lovelace", "title": null }""", Old);
        var older = C("""{ "lastName": "King", "title": "Countess", "birthDate": "1815-12-10" }""", Old.AddDays(-1));
        var newer = C("""{ "lastName": "Byron", "title": "Analyst" }""", New);

        var result = Resolve(survivor, [older, newer]);

        Assert.Equal("Lovelace", result.State["lastName"]!.GetValue<string>());
        Assert.Equal("Analyst", result.State["title"]!.GetValue<string>());
        Assert.Equal("1815-12-10", result.State["birthDate"]!.GetValue<string>());
        Assert.Equal(newer.Id, result.Sources["title"]);
        Assert.Equal(survivor.Id, result.Sources["lastName"]);
    }

    [Fact]
    public void Resolve_MostRecent_TakesEachValueFromTheLatestRecordHoldingOne()
    {
        var survivor = C("""{ "lastName": "Lovelace", "title": "Analyst" }""", Old);
        var newer = C("""{ "lastName": "King", "title": null }""", New);

        var result = Resolve(survivor, [newer], SurvivorshipStrategy.MostRecent);

        Assert.Equal("King", result.State["lastName"]!.GetValue<string>());
        Assert.Equal("Analyst", result.State["title"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_MostComplete_PrefersTheRecordWithMostValues()
    {
        var survivor = C("""{ "lastName": "Lovelace" }""", New);
        var complete = C("""{ "firstName": "Ada", "lastName": "King", "title": "Countess", "custom": { "tier": "gold" } }""", Old);

        var result = Resolve(survivor, [complete], SurvivorshipStrategy.MostComplete);

        Assert.Equal("King", result.State["lastName"]!.GetValue<string>());
        Assert.Equal("gold", result.State["custom"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_SourcePriority_RanksRecordsByTheirBestKnownSystem()
    {
        var survivor = C("""{ "lastName": "Web", "externalIds": { "web": "w1" } }""", New);
        var erp = C("""{ "lastName": "Erp", "externalIds": { "erp": "e1" } }""", Old);

        var result = Resolve(survivor, [erp], SurvivorshipStrategy.SourcePriority, ["erp", "web"]);

        Assert.Equal("Erp", result.State["lastName"]!.GetValue<string>());
        Assert.Equal("w1", result.State["externalIds"]!["web"]!.GetValue<string>());
        Assert.Equal("e1", result.State["externalIds"]!["erp"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_FieldChoice_WinsEvenWhenItClearsTheValue()
    {
        var survivor = C("""{ "lastName": "Lovelace", "title": "Countess" }""", New);
        var other = C("""{ "lastName": "King" }""", Old);

        var result = Resolve(survivor, [other], choices: new Dictionary<string, Guid> { ["title"] = other.Id, ["lastName"] = other.Id });

        Assert.Null(result.State["title"]);
        Assert.Equal("King", result.State["lastName"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_EmailsAndPhones_AreUnitedOnceWithOnePrimary()
    {
        var survivor = C("""{ "lastName": "L", "emails": [{ "address": "ada@x.example", "primary": true }] }""", New);
        var other = C("""{ "lastName": "L", "emails": [{ "address": "ADA@x.example", "primary": true }, { "address": "a@y.example", "primary": true }], "phones": [{ "number": "+4930123" }] }""", Old);

        var result = Resolve(survivor, [other]);

        var emails = result.State["emails"]!.AsArray();
        Assert.Equal(["ada@x.example", "a@y.example"], emails.Select(e => e!["address"]!.GetValue<string>()));
        Assert.Equal([true, false], emails.Select(e => e!["primary"]!.GetValue<bool>()));
        Assert.Single(result.State["phones"]!.AsArray());
    }

    [Fact]
    public void Resolve_Address_MovesAsAWholeNeverMixed()
    {
        var survivor = C("""{ "lastName": "L", "address": { "city": "London" } }""", Old);
        var other = C("""{ "lastName": "L", "address": { "street": "1 Rue", "city": "Paris" } }""", New);

        var result = Resolve(survivor, [other]);

        Assert.Equal("London", result.State["address"]!["city"]!.GetValue<string>());
        Assert.Null(result.State["address"]!["street"]);
    }

    [Fact]
    public void Resolve_CustomFields_AreChosenOneByOne()
    {
        var survivor = C("""{ "lastName": "L", "custom": { "tier": "gold" } }""", Old);
        var other = C("""{ "lastName": "L", "custom": { "tier": "silver", "score": 7 } }""", New);

        var result = Resolve(survivor, [other]);

        Assert.Equal("gold", result.State["custom"]!["tier"]!.GetValue<string>());
        Assert.Equal(7, result.State["custom"]!["score"]!.GetValue<int>());
        Assert.Equal(other.Id, result.Sources["custom.score"]);
    }

    [Theory]
    [InlineData("title", true)]
    [InlineData("ownerId", true)]
    [InlineData("custom.tier", true)]
    [InlineData("custom.nope", false)]
    [InlineData("createdAt", false)]
    [InlineData("shoeSize", false)]
    public void IsMergeable_Names_AreTheWritableFields(string field, bool expected) =>
        Assert.Equal(expected, Survivorship.IsMergeable(Schema, field));
}
