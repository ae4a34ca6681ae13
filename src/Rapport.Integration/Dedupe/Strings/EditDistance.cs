namespace Rapport.Integration.Dedupe.Strings;

/// <summary>
/// The one question identifiers, postcodes and phone numbers need answered fast: are two strings at
/// most one Damerau-Levenshtein edit apart (one wrong, missing or extra character, or two adjacent
/// characters swapped)? Linear time, no allocation.
/// </summary>
internal static class EditDistance
{
    public static bool WithinOne(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length)
        {
            var t = a;
            a = b;
            b = t;
        }
        if (a.Length - b.Length > 1) return false;
        var i = a.CommonPrefixLength(b);
        if (i == b.Length) return true;
        if (a.Length == b.Length)
        {
            if (a[(i + 1)..].SequenceEqual(b[(i + 1)..])) return true;
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]);
        }
        return a[(i + 1)..].SequenceEqual(b[i..]);
    }
}
