using System.Collections.Frozen;

namespace Rapport.Domain.Reference;

/// <summary>Active ISO 4217 alphabetic currency codes (fund, metal and testing codes excluded).</summary>
public static class CurrencyCodes
{
    private const string Codes =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD " +
        "CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD " +
        "GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT " +
        "LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR " +
        "NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP " +
        "STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD " +
        "XCG XOF XPF YER ZAR ZMW ZWG";

    private static readonly FrozenSet<string> Set =
        Codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ZeroDecimals =
        "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"
            .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ThreeDecimals =
        "BHD IQD JOD KWD LYD OMR TND".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    /// <summary>All active codes, upper case.</summary>
    public static IReadOnlySet<string> All => Set;

    /// <summary>True when <paramref name="code"/> is an active code spelled exactly (three upper-case letters).</summary>
    public static bool IsValid(string code) => code is not null && Set.Contains(code);

    /// <summary>ISO 4217 minor units (decimal places) of <paramref name="code"/>; 2 unless the code is a known exception.</summary>
    public static int MinorUnits(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (ZeroDecimals.Contains(code))
        {
            return 0;
        }

        return ThreeDecimals.Contains(code) ? 3 : 2;
    }
}
