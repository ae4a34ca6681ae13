using System.Collections.Frozen;
using System.Globalization;

namespace Rapport.Domain.Normalisation;

/// <summary>
/// Numbering plans of the markets Rapport's customers work in, from the ITU-T E.164 national plans
/// (lengths as libphonenumber's "possible lengths", rounded to what a CRM needs: valid numbers must
/// pass, obvious typos must not). A national number can only be converted for a country listed here;
/// an international one is accepted for any assigned calling code (<see cref="CallingCodes"/>).
/// </summary>
internal static class PhonePlans
{
    // region, calling code, trunk prefixes (- for none), international prefixes, NSN length, optional first digits.
    private const string Data = """
        US 1   1  011                      10    23456789
        CA 1   1  011                      10    23456789
        GB 44  0  00                       7-10
        IE 353 0  00                       7-10
        DE 49  0  00                       5-13
        AT 43  0  00                       4-13
        CH 41  0  00                       9-12
        LI 423 -  00                       7-9
        FR 33  0  00                       9
        BE 32  0  00                       8-9
        NL 31  0  00                       7-10
        LU 352 -  00                       4-11
        IT 39  -  00                       6-11  0123456789
        ES 34  -  00                       9
        PT 351 -  00                       9
        GR 30  -  00                       10
        SE 46  0  00                       7-10
        NO 47  -  00                       5-8
        DK 45  -  00                       8
        FI 358 0  00,990,994,999           5-12
        IS 354 -  00                       7-9
        PL 48  -  00                       9
        CZ 420 -  00                       9
        SK 421 0  00                       9
        HU 36  06 00                       8-9
        RO 40  0  00                       9
        UA 380 0  00                       9
        RU 7   8  810,00                   10    3456789
        KZ 7   8  810,00                   10    3456789
        TR 90  0  00                       10
        IL 972 0  00,012,013,014,018,019   8-10
        AE 971 0  00                       7-9
        SA 966 0  00                       9-10
        EG 20  0  00                       8-10
        ZA 27  0  00                       9
        NG 234 0  009                      7-10
        KE 254 0  000                      7-10
        IN 91  0  00                       10
        PK 92  0  00                       8-10
        BD 880 0  00                       6-10
        CN 86  0  00                       7-12
        JP 81  0  010                      9-10
        KR 82  0  001,002,005,006,008      8-10
        TW 886 0  002,005,006,007,009      8-9
        HK 852 -  00                       8
        SG 65  -  000,001,002,008          8-11
        MY 60  0  00                       8-10
        TH 66  0  001,004,005,006,007,008,009 8-9
        VN 84  0  00                       8-10
        ID 62  0  001,007,008,009          7-12
        PH 63  0  00                       8-10
        AU 61  0  0011                     6-10
        NZ 64  0  00                       8-10
        BR 55  0  0014,0015,0021,0023,0031,0041,0043 10-11
        MX 52  01,044,045 00               10
        AR 54  0  00                       10-11
        CO 57  0  005,007,009              8-10
        CL 56  -  00                       9
        PE 51  0  00                       8-9
        """;

    private static readonly PhonePlan[] All = Data
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(Parse)
        .ToArray();

    private static readonly FrozenDictionary<string, PhonePlan> ByRegion =
        All.ToFrozenDictionary(p => p.Region, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, PhonePlan[]> ByCallingCode = All
        .GroupBy(p => p.CallingCode, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>Regions with a plan, for the configuration screen and the tests.</summary>
    public static IEnumerable<string> Regions => All.Select(p => p.Region);

    public static PhonePlan? ForRegion(string region) => ByRegion.GetValueOrDefault(region);

    /// <summary>
    /// Plan for a calling code; where countries share one (+1, +7) the plan of <paramref name="preferredRegion"/>
    /// when it uses that code, otherwise the first listed. Shared codes share lengths, so the choice only
    /// affects the country named in messages.
    /// </summary>
    public static PhonePlan? ForCallingCode(ReadOnlySpan<char> callingCode, string? preferredRegion)
    {
        if (!ByCallingCode.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(callingCode, out var plans)) return null;
        foreach (var plan in plans) if (plan.Region == preferredRegion) return plan;
        return plans[0];
    }

    private static PhonePlan Parse(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lengths = f[4].Split('-');
        return new PhonePlan(
            Region: f[0],
            CallingCode: f[1],
            TrunkPrefixes: f[2] == "-" ? [] : f[2].Split(',').OrderByDescending(p => p.Length).ToArray(),
            InternationalPrefixes: f[3].Split(',').OrderByDescending(p => p.Length).ToArray(),
            MinLength: int.Parse(lengths[0], CultureInfo.InvariantCulture),
            MaxLength: int.Parse(lengths[^1], CultureInfo.InvariantCulture),
            FirstDigits: f.Length > 5 ? f[5] : "123456789");
    }
}
