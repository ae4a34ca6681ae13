namespace Rapport.Integration.Dedupe.Strings;

/// <summary>
/// NYSIIS phonetic code (New York State Identification and Intelligence System, the untruncated form).
/// Chosen over Soundex because it keeps vowel positions and more letters, so it separates names better,
/// and over Double Metaphone because it is one short, exact ASCII procedure with a single code per name.
/// "Catherine", "Katherine" and "Katerina" all read CATARAN. Input is folded text; non-letters are skipped.
/// </summary>
internal static class Nysiis
{
    /// <summary>Most code letters kept in <see cref="Pack"/>: 12 letters of 5 bits.</summary>
    private const int PackedLetters = 12;

    public static string Encode(ReadOnlySpan<char> text)
    {
        Span<char> code = stackalloc char[Words.BufferSize];
        var n = Encode(text, code);
        return new string(code[..n]);
    }

    /// <summary>The code as a number (0 for no letters), so blocking and comparison are integer operations.</summary>
    public static ulong Pack(ReadOnlySpan<char> text)
    {
        Span<char> code = stackalloc char[Words.BufferSize];
        var n = Math.Min(Encode(text, code), PackedLetters);
        ulong packed = 0;
        for (var i = 0; i < n; i++) packed = (packed << 5) | (uint)(code[i] - 'A' + 1);
        return packed;
    }

    private static int Encode(ReadOnlySpan<char> text, Span<char> key)
    {
        Span<char> s = stackalloc char[Math.Min(text.Length, Words.BufferSize) + 1];
        var len = 0;
        foreach (var c in text)
        {
            if (len == s.Length - 1) break;
            var upper = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
            if (upper is >= 'A' and <= 'Z') s[len++] = upper;
        }
        if (len == 0) return 0;
        len = TranslatePrefix(s, len);
        len = TranslateSuffix(s, len);

        var k = 0;
        key[k++] = s[0];
        Span<char> piece = stackalloc char[3];
        for (var i = 1; i < len; i++)
        {
            var pieceLength = Translate(s, len, ref i, piece);
            var last = piece[pieceLength - 1];
            if (last != key[k - 1])
            {
                for (var p = 0; p < pieceLength; p++) key[k++] = piece[p];
            }
        }

        if (k > 1 && key[k - 1] == 'S') k--;
        if (k > 1 && key[k - 2] == 'A' && key[k - 1] == 'Y')
        {
            key[k - 2] = 'Y';
            k--;
        }
        if (k > 1 && key[k - 1] == 'A') k--;
        return k;
    }

    private static int TranslatePrefix(Span<char> s, int len)
    {
        if (StartsWith(s, len, "MAC")) { s[1] = 'C'; return len; }
        if (StartsWith(s, len, "KN")) { s[1..len].CopyTo(s); return len - 1; }
        if (s[0] == 'K') { s[0] = 'C'; return len; }
        if (StartsWith(s, len, "PH") || StartsWith(s, len, "PF")) { s[0] = 'F'; s[1] = 'F'; return len; }
        if (StartsWith(s, len, "SCH")) { s[1] = 'S'; s[2] = 'S'; }
        return len;
    }

    private static int TranslateSuffix(Span<char> s, int len)
    {
        if (len < 2) return len;
        var a = s[len - 2];
        var b = s[len - 1];
        if (b == 'E' && a is 'I' or 'E')
        {
            s[len - 2] = 'Y';
            return len - 1;
        }
        if ((a, b) is ('D', 'T') or ('R', 'T') or ('R', 'D') or ('N', 'T') or ('N', 'D'))
        {
            s[len - 2] = 'D';
            return len - 1;
        }
        return len;
    }

    private static int Translate(ReadOnlySpan<char> s, int len, ref int i, Span<char> piece)
    {
        var c = s[i];
        var next = i + 1 < len ? s[i + 1] : '\0';
        switch (c)
        {
            case 'E' when next == 'V':
                piece[0] = 'A';
                piece[1] = 'F';
                i++;
                return 2;
            case 'A' or 'E' or 'I' or 'O' or 'U':
                piece[0] = 'A';
                return 1;
            case 'Q':
                piece[0] = 'G';
                return 1;
            case 'Z':
                piece[0] = 'S';
                return 1;
            case 'M':
                piece[0] = 'N';
                return 1;
            case 'K':
                piece[0] = next == 'N' ? 'N' : 'C';
                return 1;
            case 'S' when next == 'C' && i + 2 < len && s[i + 2] == 'H':
                piece[0] = 'S';
                piece[1] = 'S';
                i += 2;
                return 2;
            case 'P' when next == 'H':
                piece[0] = 'F';
                i++;
                return 1;
            case 'H' when !IsVowel(s[i - 1]) || next == '\0' || !IsVowel(next):
                piece[0] = IsVowel(s[i - 1]) ? 'A' : s[i - 1];
                return 1;
            case 'W' when IsVowel(s[i - 1]):
                piece[0] = s[i - 1];
                return 1;
            default:
                piece[0] = c;
                return 1;
        }
    }

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';

    private static bool StartsWith(ReadOnlySpan<char> s, int len, string prefix) =>
        len >= prefix.Length && s[..prefix.Length].SequenceEqual(prefix);
}
