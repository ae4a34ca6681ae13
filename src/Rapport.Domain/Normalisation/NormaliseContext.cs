namespace Rapport.Domain.Normalisation;

/// <summary>
/// What a rule may know about the record beyond the value itself. National phone numbers and
/// postcodes only make sense for a known country: the record's own address country is the best
/// guess, the tenant's default region the fallback.
/// </summary>
/// <param name="DefaultRegion">Configured fallback region, ISO 3166-1 alpha-2.</param>
/// <param name="Country">The record's own address country when known; wins over <paramref name="DefaultRegion"/>.</param>
public readonly record struct NormaliseContext(string? DefaultRegion, string? Country)
{
    /// <summary>Alpha-2 code of the country the rules should assume, or null when neither value names a known country.</summary>
    public string? Region => Resolve(Country) ?? Resolve(DefaultRegion);

    private static string? Resolve(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var result = CountryNormaliser.Normalise(value);
        return result.Error is null ? result.Value : null;
    }
}
