namespace Rapport.Domain.Normalisation;

/// <summary>
/// The one entry point the write paths (API, import, sync) call for a field's configured rule, so a
/// value is normalised the same way however it arrives. Pure and allocation-free when the value is
/// already normal: imports run it for every cell.
/// </summary>
public static class Normaliser
{
    /// <summary>
    /// Longest input any rule looks at. Real values are far shorter; the cap keeps a pasted document
    /// from costing time. Websites get more room because the URL field holds 2048 characters.
    /// </summary>
    public const int MaxInputLength = 1000;

    /// <summary>Longest input the <see cref="NormalisationRule.Website"/> rule accepts.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>
    /// Regions whose national phone numbers can be converted. A default region outside this list only
    /// helps numbers written with a country code, so configuration should warn about it.
    /// </summary>
    public static IReadOnlyCollection<string> PhoneRegions { get; } = PhonePlans.Regions.ToArray();

    /// <summary>Countries whose postcodes are checked and reformatted; elsewhere postcodes are only tidied.</summary>
    public static IReadOnlyCollection<string> PostcodeCountries { get; } = PostcodeFormats.Countries.ToArray();

    /// <summary>Normalises <paramref name="input"/> by <paramref name="rule"/>; blank input gives a null value and no error.</summary>
    public static NormaliseResult Apply(NormalisationRule rule, string input, in NormaliseContext context)
    {
        if (input is null) return NormaliseResult.Blank;
        var max = rule == NormalisationRule.Website ? MaxUrlLength : MaxInputLength;
        if (input.Length > max) return NormaliseResult.Fail($"is too long ({input.Length} characters; at most {max})");
        return rule switch
        {
            NormalisationRule.Email => EmailNormaliser.Normalise(input),
            NormalisationRule.Phone => PhoneNormaliser.Normalise(input, context.Region, keepNationalWithoutRegion: false),
            NormalisationRule.PersonName => PersonNameNormaliser.Normalise(input),
            NormalisationRule.Country => CountryNormaliser.Normalise(input),
            NormalisationRule.Website => WebsiteNormaliser.Normalise(input),
            NormalisationRule.Domain => DomainNormaliser.Normalise(input),
            NormalisationRule.Postcode => PostcodeNormaliser.Normalise(input, context.Region),
            NormalisationRule.Whitespace => WhitespaceNormaliser.Normalise(input),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown normalisation rule"),
        };
    }

    /// <summary>Normalises without record context: national phone numbers then need a country code.</summary>
    public static NormaliseResult Apply(NormalisationRule rule, string input) => Apply(rule, input, default);
}
