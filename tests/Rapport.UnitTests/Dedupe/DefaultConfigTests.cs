using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

public class DefaultConfigTests
{
    [Fact]
    public void Default_TextHoldingDatesOrDigits_ComparedAsDateOrIdentifier()
    {
        var (table, _) = FebrlData.Load("dataset1.csv");

        var config = MatchConfig.Default(FebrlData.Fields, table);

        Assert.Equal(MatchKind.Date, Kind(config, "dateOfBirth"));
        Assert.Equal(MatchKind.Identifier, Kind(config, "socSecId"));
        Assert.Equal(MatchKind.Text, Kind(config, "city"));
        Assert.Equal(MatchKind.Postcode, Kind(config, "postalCode"));
    }

    [Fact]
    public void Default_DigitsWithFewDistinctValues_ComparedExactly()
    {
        MatchField[] fields = [new("tier", MatchKind.Text), new("code", MatchKind.Text)];
        var table = new MatchTable(fields);
        for (var i = 0; i < 500; i++) table.Add(Guid.NewGuid(), [(i % 3).ToString(), $"AB-{i:D5}"]);

        var config = MatchConfig.Default(fields, table);

        Assert.Equal(MatchKind.Exact, Kind(config, "tier"));
        Assert.Equal(MatchKind.Identifier, Kind(config, "code"));
    }

    [Fact]
    public void Default_WithoutProfile_KeepsTheGivenKinds() =>
        Assert.Equal(MatchKind.Text, Kind(MatchConfig.Default(FebrlData.Fields), "socSecId"));

    [Fact]
    public void Default_Contacts_BlockOnKeysNamesDatesPostcodesAndStreet()
    {
        var config = MatchConfig.Default(ContactGenerator.Fields);

        Assert.Equal(
            [
                "email", "phone", "phonetic(lastName) & initial(firstName)", "phonetic(firstName) & initial(lastName)",
                "postalCode & initial(lastName)", "birthDate & initial(lastName)", "street",
            ],
            config.BlockingRules.Select(r => r.ToString()));
        Assert.Equal(("firstName", "lastName"), config.SwappableNames);
    }

    [Fact]
    public void Default_Accounts_BlockOnDomainAndCompanyName()
    {
        MatchField[] fields =
        [
            new("name", MatchKind.CompanyName), new("domain", MatchKind.Domain), new("phone", MatchKind.Phone),
            new("billingAddress.street", MatchKind.Street), new("billingAddress.postalCode", MatchKind.Postcode),
            new("externalIds.erp", MatchKind.ExternalId),
        ];

        var config = MatchConfig.Default(fields);

        Assert.Equal(
            ["domain", "phone", "externalIds.erp", "phonetic(name)", "billingAddress.postalCode & initial(name)", "billingAddress.street"],
            config.BlockingRules.Select(r => r.ToString()));
        Assert.Null(config.SwappableNames);
    }

    private static MatchKind Kind(MatchConfig config, string name) => config.Fields.Single(f => f.Name == name).Kind;
}
