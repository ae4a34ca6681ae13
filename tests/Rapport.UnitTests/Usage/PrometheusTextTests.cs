using Rapport.Api.Usage;

namespace Rapport.UnitTests.Usage;

/// <summary>The Prometheus text exposition format as <c>/metrics</c> writes it (promtool checks real output in the integration tests).</summary>
public class PrometheusTextTests
{
    [Fact]
    public void Sample_LabelValuesWithQuotesBackslashesAndNewlines_AreEscaped()
    {
        var text = new PrometheusText()
            .Family("rapport_things_total", "counter", "Things.")
            .Sample([("client", "a\"b\\c\nd")], 3)
            .ToString();

        Assert.Contains("rapport_things_total{client=\"a\\\"b\\\\c\\nd\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Family_HelpWithBackslashAndNewline_IsEscapedAndFollowedByType()
    {
        var text = new PrometheusText().Family("rapport_up", "gauge", "one\\two\nthree").Sample([], 1).ToString();

        Assert.Equal("# HELP rapport_up one\\\\two\\nthree\n# TYPE rapport_up gauge\nrapport_up 1\n", text);
    }

    [Fact]
    public void Histogram_BandCounts_AreWrittenCumulativeWithInfSumAndCount()
    {
        var text = new PrometheusText()
            .Family("rapport_wait_seconds", "histogram", "Waits.")
            .Histogram([("op", "x")], [1, 0, 2], [0.5, 1], 2.25)
            .ToString();

        Assert.Equal(
            "# HELP rapport_wait_seconds Waits.\n# TYPE rapport_wait_seconds histogram\n" +
            "rapport_wait_seconds_bucket{op=\"x\",le=\"0.5\"} 1\n" +
            "rapport_wait_seconds_bucket{op=\"x\",le=\"1\"} 1\n" +
            "rapport_wait_seconds_bucket{op=\"x\",le=\"+Inf\"} 3\n" +
            "rapport_wait_seconds_sum{op=\"x\"} 2.25\n" +
            "rapport_wait_seconds_count{op=\"x\"} 3\n", text);
    }

    [Fact]
    public void Family_WrittenTwice_Throws()
    {
        var text = new PrometheusText().Family("rapport_a", "gauge", "A.");

        Assert.Throws<InvalidOperationException>(() => text.Family("rapport_a", "gauge", "A again."));
    }

    [Theory]
    [InlineData("1bad")]
    [InlineData("has-dash")]
    [InlineData("")]
    public void Family_InvalidMetricName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => new PrometheusText().Family(name, "gauge", "x"));

    [Theory]
    [InlineData("le")]
    [InlineData("__reserved")]
    [InlineData("a.b")]
    public void Sample_InvalidLabelName_Throws(string label) =>
        Assert.Throws<ArgumentException>(() => new PrometheusText().Family("rapport_a", "gauge", "A.").Sample([(label, "v")], 1));

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.0005, "0.0005")]
    [InlineData(1e-7, "1E-07")]
    public void Number_SpecialAndSmallValues_AreWrittenAsPrometheusReadsThem(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.Number(value));
}
