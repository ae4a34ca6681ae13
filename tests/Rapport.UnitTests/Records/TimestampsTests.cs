using Rapport.Domain.Records;

namespace Rapport.UnitTests.Records;

public class TimestampsTests
{
    [Theory]
    [InlineData("2026-11-21T23:17:58.123456Z")]
    [InlineData("0001-01-01T00:00:00.000000Z")]
    [InlineData("9999-12-31T23:59:59.999999Z")]
    [InlineData("2024-02-29T12:00:00.000001Z")]
    public void ParseStored_StoredText_RoundTripsExactly(string text)
    {
        var value = Timestamps.ParseStored(text);

        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(text, Timestamps.ToText(value));
    }

    [Fact]
    public void ToText_AnyInstantOrDate_SameTextAsTheFormatStrings()
    {
        var random = new Random(20261122);
        var instants = new List<DateTime> { DateTime.MinValue, DateTime.MaxValue, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(9) };
        for (var i = 0; i < 10_000; i++) instants.Add(new DateTime(random.NextInt64(DateTime.MaxValue.Ticks), DateTimeKind.Utc));

        foreach (var t in instants)
        {
            Assert.Equal(t.ToString(Timestamps.Format, System.Globalization.CultureInfo.InvariantCulture), Timestamps.ToText(t));
            var date = DateOnly.FromDateTime(t);
            Assert.Equal(date.ToString(Timestamps.DateFormat, System.Globalization.CultureInfo.InvariantCulture), Timestamps.ToText(date));
        }
    }

    [Fact]
    public void ParseStored_AnyInstant_MatchesTheGeneralParser()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var instant = Timestamps.Truncate(new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc));
            Assert.Equal(instant, Timestamps.ParseStored(Timestamps.ToText(instant)));
        }
    }

    [Theory]
    [InlineData("2026-11-21T23:17:5x.123456Z")]
    [InlineData("2026-13-21T23:17:58.123456Z")]
    [InlineData("not a timestamp")]
    public void ParseStored_Garbage_Throws(string text)
    {
        Assert.ThrowsAny<Exception>(() => Timestamps.ParseStored(text));
    }

    [Theory]
    [InlineData("2026-01-31T09:30:00Z", "2026-01-31T09:30:00.000000Z")]
    [InlineData("2026-01-31T10:30:00+01:00", "2026-01-31T09:30:00.000000Z")]
    [InlineData("2026-01-31T09:30:00.1234567Z", "2026-01-31T09:30:00.123456Z")]
    public void TryParseInstant_WithOffset_NormalisesToUtcMicroseconds(string input, string expected)
    {
        Assert.True(Timestamps.TryParseInstant(input, out var value));
        Assert.Equal(expected, Timestamps.ToText(value));
    }

    [Theory]
    [InlineData("2026-01-31T09:30:00")]
    [InlineData("2026-01-31")]
    [InlineData("31.01.2026 09:30")]
    public void TryParseInstant_WithoutZone_IsRefused(string input)
    {
        Assert.False(Timestamps.TryParseInstant(input, out _));
    }
}
