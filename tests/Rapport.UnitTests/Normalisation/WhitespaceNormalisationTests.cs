using Rapport.Domain.Normalisation;

namespace Rapport.UnitTests.Normalisation;

public class WhitespaceNormalisationTests
{
    private static string? Tidy(string input) => Normaliser.Apply(NormalisationRule.Whitespace, input).Value;

    [Theory]
    [InlineData("  Hauptstraße 1  ", "Hauptstraße 1")]
    [InlineData("Hauptstraße    1", "Hauptstraße 1")]
    [InlineData("Hauptstraße\t1", "Hauptstraße 1")]
    [InlineData("Hauptstraße 1\r\nHinterhaus", "Hauptstraße 1 Hinterhaus")]
    [InlineData("ACME\u00A0GmbH", "ACME GmbH")]
    [InlineData("ACME\u2009\u202FGmbH", "ACME GmbH")]
    [InlineData("東京都\u3000港区", "東京都 港区")]
    [InlineData("\uFEFFACME", "ACME")]
    [InlineData("AC\u200BME", "ACME")]
    [InlineData("Müller\u00ADBau", "MüllerBau")]
    [InlineData("ACME\u0000 GmbH\u0007", "ACME GmbH")]
    [InlineData("a \u200B b", "a b")]
    public void Apply_LayoutNoise_IsRemoved(string input, string expected) =>
        Assert.Equal(expected, Tidy(input));

    [Theory]
    [InlineData("ACME GmbH")]
    [InlineData("O'Reilly & Söhne, Inc.")]
    [InlineData("x")]
    [InlineData("مرحبا بالعالم")]
    public void Apply_TidyText_IsReturnedAsTheSameInstance(string input) =>
        Assert.Same(input, Tidy(input));
}
