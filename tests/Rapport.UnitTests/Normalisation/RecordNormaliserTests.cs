using Rapport.Domain.Metadata;
using Rapport.Domain.Normalisation;
using static Rapport.UnitTests.Validation.ValidationTestHelpers;

namespace Rapport.UnitTests.Normalisation;

public sealed class RecordNormaliserTests
{
    private static readonly NormalisationSettings None = NormalisationSettings.Default;

    [Fact]
    public void Apply_Contact_NormalisesEachFieldByItsDefaultRuleAndListsTheChanges()
    {
        var body = Body("""
            { "firstName": "ADA", "title": "  chief   analyst ", "description": "line one\n\n  line two",
              "emails": [{ "address": "Ada@Example.COM" }], "phones": [{ "number": "020 7946 0958" }],
              "address": { "postalCode": "sw1a1aa", "country": "Great Britain" } }
            """);

        var changes = RecordNormaliser.Apply(Contacts(), None, body)!;

        Assert.Equal("Ada", body["firstName"]!.GetValue<string>());
        Assert.Equal("chief analyst", body["title"]!.GetValue<string>());
        Assert.Equal("line one\n\n  line two", body["description"]!.GetValue<string>());
        Assert.Equal("Ada@example.com", body["emails"]![0]!["address"]!.GetValue<string>());
        Assert.Equal("+442079460958", body["phones"]![0]!["number"]!.GetValue<string>());
        Assert.Equal("SW1A 1AA", body["address"]!["postalCode"]!.GetValue<string>());
        Assert.Equal("GB", body["address"]!["country"]!.GetValue<string>());
        Assert.Contains(changes, c => c is { Field: "phones[0].number", From: "020 7946 0958", To: "+442079460958", Rule: "phone" });
        Assert.DoesNotContain(changes, c => c.Field == "description");
    }

    [Fact]
    public void Apply_PatchWithoutCountry_UsesTheStoredRecordsCountryThenTheDefaultRegion()
    {
        var stored = Body("""{ "address": { "country": "DE" } }""");
        var patch = Body("""{ "phones": [{ "number": "030 1234567" }] }""");
        RecordNormaliser.Apply(Contacts(), new NormalisationSettings("FR", new Dictionary<string, string>()), patch, stored);
        Assert.Equal("+49301234567", patch["phones"]![0]!["number"]!.GetValue<string>());

        var fresh = Body("""{ "phones": [{ "number": "01 23 45 67 89" }] }""");
        RecordNormaliser.Apply(Contacts(), new NormalisationSettings("FR", new Dictionary<string, string>()), fresh);
        Assert.Equal("+33123456789", fresh["phones"]![0]!["number"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_RuleSetToNone_LeavesTheFieldAsWritten()
    {
        var body = Body("""{ "lastName": "VON TRAPP", "firstName": "MARIA" }""");
        var changes = RecordNormaliser.Apply(Contacts(), new NormalisationSettings(null, new Dictionary<string, string> { ["lastName"] = "none" }), body);
        Assert.Equal("VON TRAPP", body["lastName"]!.GetValue<string>());
        Assert.Equal("Maria", body["firstName"]!.GetValue<string>());
        Assert.Single(changes!);
    }

    [Fact]
    public void Apply_ValueARuleCannotRead_IsLeftForTheValidator()
    {
        var body = Body("""{ "emails": [{ "address": "not an email" }], "address": { "country": "Atlantis" } }""");
        Assert.Null(RecordNormaliser.Apply(Contacts(), None, body));
        Assert.Equal("not an email", body["emails"]![0]!["address"]!.GetValue<string>());
        Assert.Equal("Atlantis", body["address"]!["country"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_AccountDomainAndCustomEmail_GetTheirRules()
    {
        var schema = Schema(StandardObjects.Accounts, Custom("billingEmail", "email"));
        var body = Body("""{ "name": "Initech", "domain": "https://www.Initech.example/about", "custom": { "billingEmail": " Pay@Initech.EXAMPLE " } }""");
        RecordNormaliser.Apply(schema, None, body);
        Assert.Equal("initech.example", body["domain"]!.GetValue<string>());
        Assert.Equal("Pay@initech.example", body["custom"]!["billingEmail"]!.GetValue<string>());
    }
}
