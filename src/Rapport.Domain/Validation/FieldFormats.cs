using System.Text.RegularExpressions;
using Rapport.Domain.Normalisation;

namespace Rapport.Domain.Validation;

/// <summary>Syntax checks shared by every write path.</summary>
public static partial class FieldFormats
{
    [GeneratedRegex(@"^[a-z][A-Za-z0-9_]{0,62}\z")]
    private static partial Regex FieldNameRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.-]{0,63}\z")]
    private static partial Regex SystemNameRegex();

    /// <summary>
    /// Checks an email address and lower-cases its domain (the local part is case-sensitive by RFC 5321);
    /// null when invalid. The same rule as <see cref="NormalisationRule.Email"/>.
    /// </summary>
    public static string? NormalizeEmail(string input) => Normaliser.Apply(NormalisationRule.Email, input).Value;

    /// <summary>
    /// Accepts the usual written forms of a phone number; null when invalid. Numbers in international
    /// form (+ or 00) become E.164; others are kept as written, since their region is unknown here.
    /// The same rule as <see cref="NormalisationRule.Phone"/> without a region, extension dropping included.
    /// </summary>
    public static string? NormalizePhone(string input) =>
        PhoneNormaliser.Normalise(input, region: null, keepNationalWithoutRegion: true).Value;

    /// <summary>An http or https URL, https added to a bare host; null when invalid. The same rule as <see cref="NormalisationRule.Website"/>.</summary>
    public static string? NormalizeUrl(string input) => Normaliser.Apply(NormalisationRule.Website, input).Value;

    public static bool IsFieldName(string name) => FieldNameRegex().IsMatch(name);

    public static bool IsExternalSystemName(string name) => SystemNameRegex().IsMatch(name);
}
