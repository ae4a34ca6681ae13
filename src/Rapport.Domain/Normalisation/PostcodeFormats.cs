using System.Collections.Frozen;

namespace Rapport.Domain.Normalisation;

/// <summary>
/// Postcode shapes by country, as the national posts publish them. In a shape, 9 is a digit, A a
/// letter, X a letter or digit, other letters and digits must appear as written (GIR 0AA), and
/// spaces and hyphens are the separators to write. Error messages show an example generated from
/// the shapes (digits 1234…, letters ABC…) unless the line ends with "= example".
/// </summary>
internal static class PostcodeFormats
{
    private const string Data = """
        US 99999|99999-9999
        CA A9A 9A9
        GB A9 9AA|A99 9AA|AA9 9AA|AA99 9AA|A9A 9AA|AA9A 9AA|GIR 0AA = SW1A 1AA
        IE A9X XXXX = A65 F4E2
        NL 9999 AA
        DE 99999
        FR 99999
        IT 99999
        ES 99999
        FI 99999
        MX 99999
        MY 99999
        TH 99999
        KR 99999
        TR 99999
        UA 99999
        HR 99999
        EE 99999
        ID 99999
        PK 99999
        EG 99999
        KE 99999
        PE 99999
        SA 99999|99999-9999
        BE 9999
        AT 9999
        CH 9999
        LI 9999
        DK 9999
        NO 9999
        AU 9999
        NZ 9999
        ZA 9999
        HU 9999
        LU 9999
        SI 9999
        BG 9999
        PH 9999
        BD 9999
        SE 999 99
        CZ 999 99
        SK 999 99
        GR 999 99
        PL 99-999
        PT 9999-999
        JP 999-9999
        BR 99999-999
        IN 999999
        CN 999999
        RU 999999
        SG 999999
        RO 999999
        BY 999999
        CO 999999
        NG 999999
        CL 9999999
        IL 9999999
        """;

    private static readonly FrozenDictionary<string, PostcodeFormat> ByCountry = Data
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(Parse)
        .ToFrozenDictionary(f => f.Country, StringComparer.Ordinal);

    /// <summary>Countries with a known shape, for the tests and the configuration screen.</summary>
    public static IEnumerable<string> Countries => ByCountry.Keys;

    public static PostcodeFormat? For(string country) => ByCountry.GetValueOrDefault(country);

    private static PostcodeFormat Parse(string line)
    {
        var equals = line.IndexOf(" = ", StringComparison.Ordinal);
        var shapes = (equals < 0 ? line[3..] : line[3..equals]).Split('|');
        var example = equals < 0 ? string.Join(" or ", shapes.Select(Example)) : line[(equals + 3)..];
        return new PostcodeFormat(line[..2], shapes, example);
    }

    private static string Example(string shape)
    {
        var chars = shape.ToCharArray();
        int digit = 1, letter = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '9') chars[i] = (char)('0' + digit++ % 10);
            else if (chars[i] is 'A' or 'X') chars[i] = (char)('A' + letter++ % 26);
        }
        return new string(chars);
    }
}

/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Shapes">Accepted shapes, see <see cref="PostcodeFormats"/>.</param>
/// <param name="Example">How the shape reads in an error message ("12345 or 12345-6789").</param>
internal sealed record PostcodeFormat(string Country, string[] Shapes, string Example)
{
    /// <summary>True when every shape is digits only, so letters in front ("D-10115") can only be a country prefix.</summary>
    public bool DigitsOnly { get; } = Shapes.All(s => s.All(c => c is '9' or ' ' or '-'));
}
