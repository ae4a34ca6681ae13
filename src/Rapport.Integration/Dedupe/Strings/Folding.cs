namespace Rapport.Integration.Dedupe.Strings;

/// <summary>
/// Lower-cases and strips accents from Latin letters ("Müller" and "Muller", "Łódź" and "Lodz" agree)
/// without the ICU tables that invariant globalisation leaves out. Letters of other scripts are only
/// lower-cased.
/// </summary>
internal static class Folding
{
    /// <summary>Writes the folded form of <paramref name="c"/> (one or two characters) and returns how many were written.</summary>
    public static int Fold(char c, Span<char> output)
    {
        if (c < 0x80)
        {
            output[0] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            return 1;
        }
        switch (c)
        {
            case 'ß': output[0] = 's'; output[1] = 's'; return 2;
            case 'Æ' or 'æ': output[0] = 'a'; output[1] = 'e'; return 2;
            case 'Œ' or 'œ': output[0] = 'o'; output[1] = 'e'; return 2;
            case 'Þ' or 'þ': output[0] = 't'; output[1] = 'h'; return 2;
        }
        output[0] = FoldSingle(c);
        return 1;
    }

    private static char FoldSingle(char c) => c switch
    {
        >= 'À' and <= 'Å' or >= 'à' and <= 'å' or >= 'Ā' and <= 'ą' => 'a',
        'Ç' or 'ç' or >= 'Ć' and <= 'č' => 'c',
        'Ð' or 'ð' or >= 'Ď' and <= 'đ' => 'd',
        >= 'È' and <= 'Ë' or >= 'è' and <= 'ë' or >= 'Ē' and <= 'ě' => 'e',
        >= 'Ĝ' and <= 'ģ' => 'g',
        >= 'Ĥ' and <= 'ħ' => 'h',
        >= 'Ì' and <= 'Ï' or >= 'ì' and <= 'ï' or >= 'Ĩ' and <= 'ı' => 'i',
        'Ĵ' or 'ĵ' => 'j',
        'Ķ' or 'ķ' => 'k',
        >= 'Ĺ' and <= 'ł' => 'l',
        'Ñ' or 'ñ' or >= 'Ń' and <= 'ŋ' => 'n',
        >= 'Ò' and <= 'Ö' or 'Ø' or >= 'ò' and <= 'ö' or 'ø' or >= 'Ō' and <= 'ő' => 'o',
        >= 'Ŕ' and <= 'ř' => 'r',
        >= 'Ś' and <= 'š' or 'ș' or 'Ș' => 's',
        >= 'Ţ' and <= 'ŧ' or 'ț' or 'Ț' => 't',
        >= 'Ù' and <= 'Ü' or >= 'ù' and <= 'ü' or >= 'Ũ' and <= 'ų' => 'u',
        'Ŵ' or 'ŵ' => 'w',
        'Ý' or 'ý' or 'ÿ' or >= 'Ŷ' and <= 'Ÿ' => 'y',
        >= 'Ź' and <= 'ž' => 'z',
        _ => char.ToLowerInvariant(c),
    };
}
