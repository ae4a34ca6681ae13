namespace Rapport.Integration.Dedupe;

/// <summary>
/// What a feature holds, which decides how it is normalised, compared and blocked on. The kind, not the
/// field's name, carries the matching knowledge, so custom fields match as well as built-in ones.
/// </summary>
public enum MatchKind
{
    /// <summary>A person's given or family name: typos, nicknames, initials, phonetic spellings, swaps.</summary>
    Name,

    /// <summary>Free text such as a city or region: typos and reordered words.</summary>
    Text,

    /// <summary>A street line: house number and street name compared apart, abbreviations expanded.</summary>
    Street,

    /// <summary>A value that either agrees or not (country code, picklist value).</summary>
    Exact,

    /// <summary>An email address: exact, or the same mailbox name at another provider.</summary>
    Email,

    /// <summary>A phone number: digits only, national and international forms of one number agree.</summary>
    Phone,

    /// <summary>A date (ISO yyyy-MM-dd or yyyyMMdd): transposed day and month, one wrong component.</summary>
    Date,

    /// <summary>A code or number used as an identifier: one wrong or transposed character.</summary>
    Identifier,

    /// <summary>A postal code: exact, one typo, or the same area prefix.</summary>
    Postcode,

    /// <summary>A company name: legal forms (Inc, Ltd, GmbH, ...) are ignored.</summary>
    CompanyName,

    /// <summary>A web domain or website: scheme, "www." and path are ignored.</summary>
    Domain,

    /// <summary>
    /// An id in another system. Equal ids are strong evidence; different ids are no evidence at all,
    /// because that system may hold the very duplicate being looked for.
    /// </summary>
    ExternalId,

    /// <summary>A number: equal, one wrong digit, or within one percent.</summary>
    Number,
}
