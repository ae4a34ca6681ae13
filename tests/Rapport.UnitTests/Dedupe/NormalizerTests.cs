using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

public class NormalizerTests
{
    [Theory]
    [InlineData(MatchKind.Name, "  O'Brien-Smith ", "obrien smith")]
    [InlineData(MatchKind.Name, "Müller", "muller")]
    [InlineData(MatchKind.Name, "Łódź Straße", "lodz strasse")]
    [InlineData(MatchKind.Street, "12 Main St.", "12 main street")]
    [InlineData(MatchKind.Street, "Hauptstr. 5", "hauptstrasse 5")]
    [InlineData(MatchKind.CompanyName, "The Acme Company, Inc.", "acme")]
    [InlineData(MatchKind.CompanyName, "ACME GmbH & Co. KG", "acme")]
    [InlineData(MatchKind.CompanyName, "Limited", "limited")]
    [InlineData(MatchKind.Phone, "+49 (30) 123-4567", "49301234567")]
    [InlineData(MatchKind.Date, "1951-08-26", "19510826")]
    [InlineData(MatchKind.Date, "1951-08-26T10:00:00Z", "19510826")]
    [InlineData(MatchKind.Date, "19511326", "19511326")]
    [InlineData(MatchKind.Identifier, "AB-12 3", "ab123")]
    [InlineData(MatchKind.Postcode, "SW1A 1AA", "sw1a1aa")]
    [InlineData(MatchKind.Domain, "https://www.Acme.de/about?x=1", "acme.de")]
    [InlineData(MatchKind.Email, " Ada@Acme.DE ", "ada@acme.de")]
    [InlineData(MatchKind.Number, "1250.50", "1250.5")]
    [InlineData(MatchKind.ExternalId, " C-1001 ", "C-1001")]
    public void Write_Value_GivesTheComparedForm(MatchKind kind, string raw, string expected) =>
        Assert.Equal(expected, ComparatorValues.Normalised(kind, raw));

    [Theory]
    [InlineData(MatchKind.Name, "   ")]
    [InlineData(MatchKind.Phone, "n/a")]
    [InlineData(MatchKind.Name, "--")]
    public void Write_NoContent_IsMissing(MatchKind kind, string raw) =>
        Assert.Equal("", ComparatorValues.Normalised(kind, raw));
}
