namespace Rapport.Domain.Normalisation;

/// <summary>
/// The normalisations a field can be configured with. Each turns the many ways people and source
/// systems write one value into a single stored form, so that filters, duplicate detection and
/// exports see one spelling.
/// </summary>
public enum NormalisationRule
{
    /// <summary>Trimmed address with a lower-case domain; the local part keeps its case (RFC 5321).</summary>
    Email,

    /// <summary>E.164 (+4930123456), using the record's country or the default region for national numbers.</summary>
    Phone,

    /// <summary>Collapsed whitespace; re-cased only when the name was typed all upper or all lower case.</summary>
    PersonName,

    /// <summary>ISO 3166-1 alpha-2 code from a code, an English name or a common alias.</summary>
    Country,

    /// <summary>http(s) URL with a lower-case host, no default port, no credentials and no tracking parameters.</summary>
    Website,

    /// <summary>Bare host name without scheme, www., port or path: the key that links a company to its web and email domains.</summary>
    Domain,

    /// <summary>Postcode in the canonical shape of the record's country.</summary>
    Postcode,

    /// <summary>Trimmed free text with internal runs of whitespace collapsed to one space.</summary>
    Whitespace,
}
