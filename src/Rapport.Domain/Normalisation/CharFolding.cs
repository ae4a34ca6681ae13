using System.Globalization;

namespace Rapport.Domain.Normalisation;

/// <summary>
/// Character-level clean-up shared by the rules. Data copied from spreadsheets, PDFs and web pages
/// carries full-width forms, digits of other scripts and invisible format characters that look
/// right on screen but break matching.
/// </summary>
internal static class CharFolding
{
    // Base letter for U+00C0..U+024F ('.' = no single-letter base), generated from Unicode NFD plus
    // a few letters that do not decompose (Æ→a, Ø→o, Ł→l, ß→s, Þ→t). InvariantGlobalization turns
    // string.Normalize into a no-op, so the table stands in for NFD here.
    private const string LatinBase =
        "aaaaaaaceeeeiiiidnooooo.ouuuuytsaaaaaaaceeeeiiiidnooooo.ouuuuyty" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll" +
        "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs" +
        "................................oo.............uu..............." +
        ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...." +
        "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............" +
        "................";

    /// <summary>Full-width ASCII (ＡＢＣ１２３) and the ideographic space become their ASCII forms.</summary>
    public static char FoldWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    /// <summary>Any Unicode decimal digit (٣, ३, ３) becomes the ASCII digit; other characters are returned unchanged.</summary>
    public static char FoldDigit(char c)
    {
        if (char.IsAsciiDigit(c) || c < 0x80 || !char.IsDigit(c)) return c;
        return (char)('0' + (int)char.GetNumericValue(c));
    }

    /// <summary>Lower-case ASCII base letter of a Latin letter (é → e, Ø → o), or the lower-cased character itself.</summary>
    public static char FoldLatin(char c)
    {
        if (c < 0x80) return char.ToLowerInvariant(c);
        if (c is >= '\u00C0' and <= '\u024F')
        {
            var b = LatinBase[c - 0xC0];
            if (b != '.') return b;
        }
        return char.ToLowerInvariant(c);
    }

    /// <summary>
    /// Zero-width space, word joiner, byte-order mark and soft hyphen: invisible, never meant as
    /// content, and common at the start of the first cell of a CSV file or inside pasted text.
    /// </summary>
    public static bool IsInvisible(char c) => c is '\u200B' or '\u2060' or '\uFEFF' or '\u00AD';

    /// <summary>Bidirectional marks and embeddings that right-to-left text adds around numbers and addresses.</summary>
    public static bool IsBidiControl(char c) =>
        c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>What a code-like value (phone, email, postcode, URL) can drop without losing anything.</summary>
    public static bool IsIgnorable(char c) => IsInvisible(c) || IsBidiControl(c);

    /// <summary>Combining accent or other mark: part of the letter before it, never a word boundary.</summary>
    public static bool IsMark(char c) => char.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark
        or UnicodeCategory.EnclosingMark;

    /// <summary>Hyphen, dash and minus characters that people and word processors use interchangeably.</summary>
    public static bool IsDash(char c) => c is '-' or (>= '\u2010' and <= '\u2015') or '\u2212' or '\uFE63' or '\uFF0D';

    /// <summary><paramref name="s"/> without leading and trailing whitespace and ignorable characters.</summary>
    public static ReadOnlySpan<char> TrimIgnorable(ReadOnlySpan<char> s)
    {
        var start = 0;
        while (start < s.Length && (char.IsWhiteSpace(s[start]) || IsIgnorable(s[start]))) start++;
        var end = s.Length;
        while (end > start && (char.IsWhiteSpace(s[end - 1]) || IsIgnorable(s[end - 1]))) end--;
        return s[start..end];
    }
}
