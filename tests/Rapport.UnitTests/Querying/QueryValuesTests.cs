using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;

namespace Rapport.UnitTests.Querying;

public class QueryValuesTests
{
    [Theory]
    [InlineData(FieldKind.Integer, "42", "42")]
    [InlineData(FieldKind.Integer, "-42", "-42")]
    [InlineData(FieldKind.Decimal, "3.14", "3.14")]
    [InlineData(FieldKind.Money, "-0.50", "-0.50")]
    [InlineData(FieldKind.Date, "2026-02-28", "2026-02-28")]
    [InlineData(FieldKind.DateTime, "2026-02-28T23:30:00-01:00", "2026-03-01T00:30:00.000000Z")]
    [InlineData(FieldKind.DateTime, "2026-02-28", "2026-02-28T00:00:00.000000Z")]
    [InlineData(FieldKind.Boolean, "true", "true")]
    [InlineData(FieldKind.Boolean, "1", "true")]
    [InlineData(FieldKind.Boolean, "false", "false")]
    [InlineData(FieldKind.Boolean, "0", "false")]
    [InlineData(FieldKind.Reference, "0190A3C4-5E6F-7A8B-9C0D-1E2F3A4B5C6D", "0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d")]
    [InlineData(FieldKind.Email, " Ada@Example.COM ", "ada@example.com")]
    [InlineData(FieldKind.Phone, "0049 30 1234567", "+49301234567")]
    [InlineData(FieldKind.Phone, " 030 1234567 ", "030 1234567")]
    [InlineData(FieldKind.Text, " as typed ", " as typed ")]
    [InlineData(FieldKind.Picklist, "Gold", "Gold")]
    public void TryParse_ValidText_GivesTypedValueWithCanonicalText(FieldKind kind, string text, string expected)
    {
        Assert.True(QueryValues.TryParse(kind, text, out var value));
        Assert.Equal(expected, QueryValues.ToText(value));
    }

    [Theory]
    [InlineData(FieldKind.Integer, "4.2")]
    [InlineData(FieldKind.Integer, "1e3")]
    [InlineData(FieldKind.Integer, "")]
    [InlineData(FieldKind.Integer, "9223372036854775808")]
    [InlineData(FieldKind.Decimal, "1,5")]
    [InlineData(FieldKind.Money, "€5")]
    [InlineData(FieldKind.Date, "2026-02-29")]
    [InlineData(FieldKind.Date, "28.02.2026")]
    [InlineData(FieldKind.DateTime, "2026-02-28T10:00:00")]
    [InlineData(FieldKind.Boolean, "yes")]
    [InlineData(FieldKind.Boolean, "True")]
    [InlineData(FieldKind.Reference, "not-a-uuid")]
    public void TryParse_InvalidText_ReturnsFalse(FieldKind kind, string text) =>
        Assert.False(QueryValues.TryParse(kind, text, out _));

    [Fact]
    public void ToText_DateTime_IsFixedWidthUtcWithMicroseconds() =>
        Assert.Equal("2026-01-02T03:04:05.000006Z", QueryValues.ToText(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(60)));

    [Fact]
    public void ToText_Null_IsNull() => Assert.Null(QueryValues.ToText(null));

    [Theory]
    [InlineData(FieldKind.Integer, "a whole number")]
    [InlineData(FieldKind.Money, "a number")]
    [InlineData(FieldKind.Date, "a date (yyyy-MM-dd)")]
    [InlineData(FieldKind.Boolean, "true or false")]
    [InlineData(FieldKind.Reference, "a record id (UUID)")]
    [InlineData(FieldKind.Text, "text")]
    public void Describe_Kind_NamesTheExpectedForm(FieldKind kind, string expected) =>
        Assert.Equal(expected, QueryValues.Describe(kind));
}
