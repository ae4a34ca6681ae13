namespace Rapport.Domain.Normalisation;

/// <summary>
/// How one country writes its phone numbers: what to strip before the national significant number
/// (NSN, the digits after the country code) and how long that number may be.
/// </summary>
/// <param name="Region">ISO 3166-1 alpha-2 code.</param>
/// <param name="CallingCode">Country calling code without '+'.</param>
/// <param name="TrunkPrefixes">Dialled before national numbers and dropped in E.164 (0 in most of Europe, 1 in NANP, 8 in Russia, 06 in Hungary).</param>
/// <param name="InternationalPrefixes">Dialled before a country code from this country (00, 011, 0011, 810…), longest first.</param>
/// <param name="MinLength">Shortest NSN.</param>
/// <param name="MaxLength">Longest NSN.</param>
/// <param name="FirstDigits">Digits an NSN may start with; Italy's includes 0 because its fixed lines keep it.</param>
internal sealed record PhonePlan(
    string Region, string CallingCode, string[] TrunkPrefixes, string[] InternationalPrefixes,
    int MinLength, int MaxLength, string FirstDigits);
