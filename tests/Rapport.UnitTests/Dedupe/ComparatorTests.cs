using Rapport.Integration.Dedupe;
using Rapport.Integration.Dedupe.Comparison;

namespace Rapport.UnitTests.Dedupe;

public class ComparatorTests
{
    private static string Level(MatchKind kind, string a, string b, bool swappable = false)
    {
        var comparator = Comparators.For(kind, swappable);
        var level = comparator.Compare(ComparatorValues.Of(kind, a), ComparatorValues.Of(kind, b));
        return comparator.Levels[level];
    }

    [Theory]
    [InlineData("1951-08-06", "1951-06-08", "transposed")]
    [InlineData("1951-08-26", "1915-08-26", "one-component")]
    [InlineData("1951-08-26", "1951-08-27", "one-component")]
    [InlineData("19510826", "19510862", "one-component")]
    [InlineData("1951-08-26", "1951-03-02", "same-year")]
    [InlineData("1951-08-26", "1987-03-02", "else")]
    public void Date_TypicalErrors_GetTheirLevel(string a, string b, string expected) =>
        Assert.Equal(expected, Level(MatchKind.Date, a, b));

    [Theory]
    [InlineData("Harrington", "Harringtno", "close")]
    [InlineData("Robert", "Bob", "close")]
    [InlineData("J", "John", "similar")]
    [InlineData("Mary", "Mary Ann", "similar")]
    [InlineData("Catherine", "Katheryne", "similar")]
    [InlineData("Robert", "Emily", "else")]
    public void Name_TyposNicknamesInitials_GetTheirLevel(string a, string b, string expected) =>
        Assert.Equal(expected, Level(MatchKind.Name, a, b));

    [Theory]
    [InlineData("6988048", "6988049", "one-edit")]
    [InlineData("6988048", "6980848", "one-edit")]
    [InlineData("6988048", "1234567", "else")]
    [InlineData("AB1", "AB2", "else")]
    public void Identifier_OneWrongOrSwappedDigit_IsOneEdit(string a, string b, string expected) =>
        Assert.Equal(expected, Level(MatchKind.Identifier, a, b));

    [Theory]
    [InlineData("4814", "4184", "one-edit")]
    [InlineData("SW1A 1AA", "SW1A 2BB", "prefix")]
    [InlineData("10115", "10178", "prefix")]
    [InlineData("10115", "80331", "else")]
    public void Postcode_TypoOrSameArea_GetTheirLevel(string a, string b, string expected) =>
        Assert.Equal(expected, Level(MatchKind.Postcode, a, b));

    [Theory]
    [InlineData("+49 30 1234567", "030 1234567", "close")]
    [InlineData("+15551234567", "(555) 123-4567", "close")]
    [InlineData("+15551234567", "+15551234568", "close")]
    [InlineData("+15551234567", "+15559876543", "else")]
    public void Phone_NationalAndInternationalForms_AreClose(string a, string b, string expected) =>
        Assert.Equal(expected, Level(MatchKind.Phone, a, b));

    [Theory]
    [InlineData("ada.lovelace@acme.de", "ada.lovelace@gmail.com", "same-mailbox")]
    [InlineData("ada.lovelace@acme.de", "ada.lovelaec@acme.de", "one-edit")]
    [InlineData("john.smith@gmail.com", "john.smith2@gmail.com", "one-edit")]
    [InlineData("ada.lovelace@acme.de", "charles.babbage@acme.de", "else")]
    public void Email_SameMailboxElsewhereOrTypo_GetTheirLevel(string a, string b, string expected) =>
        Assert.Equal(expected, Level(MatchKind.Email, a, b));

    [Theory]
    [InlineData("12 Main Street", "12 Main St.", "exact")]
    [InlineData("12 Main Street", "21 Main Street", "close")]
    [InlineData("12 Main Street", "Main Street", "close")]
    [InlineData("12 Main Street", "48 Main Street", "same-street")]
    [InlineData("12 Main Street", "12 Oak Road", "else")]
    public void Street_NumberAndNameComparedApart(string a, string b, string expected)
    {
        var x = ComparatorValues.Of(MatchKind.Street, a);
        var y = ComparatorValues.Of(MatchKind.Street, b);
        var comparator = Comparators.For(MatchKind.Street, false);
        Assert.Equal(expected, x.Text == y.Text ? "exact" : comparator.Levels[comparator.Compare(x, y)]);
    }

    [Theory]
    [InlineData("1250", "1205", "one-edit")]
    [InlineData("1000", "1009.5", "near")]
    [InlineData("1000", "3500", "else")]
    public void Number_OneDigitOrOnePercent_GetTheirLevel(string a, string b, string expected) =>
        Assert.Equal(expected, Level(MatchKind.Number, a, b));

    [Fact]
    public void Text_ReorderedWords_AreClose() =>
        Assert.Equal("close", Level(MatchKind.Text, "flr 1 the professional centre", "the professional centre flr 1"));

    [Fact]
    public void ExternalId_DifferentIds_AreANeutralLevel()
    {
        var comparator = Comparators.For(MatchKind.ExternalId, false);
        var level = comparator.Compare(ComparatorValues.Of(MatchKind.ExternalId, "C-1"), ComparatorValues.Of(MatchKind.ExternalId, "C-2"));
        Assert.True(comparator.IsNeutral(level));
        Assert.False(comparator.Trainable);
    }
}
