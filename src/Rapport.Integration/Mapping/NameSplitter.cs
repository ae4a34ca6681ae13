using System.Collections.Frozen;

namespace Rapport.Integration.Mapping;

/// <summary>
/// Splits a full name into first and last name: "Last, First" when there is a comma, otherwise the
/// last word is the last name together with the particles right before it (van der, de la, von, ...)
/// and a trailing generational suffix (Jr., III) stays with it.
/// </summary>
internal static class NameSplitter
{
    private static readonly FrozenSet<string> Particles = new[]
    {
        "van", "von", "der", "den", "de", "del", "della", "la", "le", "di", "da", "dos", "das", "du", "des",
        "ten", "ter", "zu", "zum", "zur", "al", "el", "bin", "ibn", "st.",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Suffixes = new[]
    {
        "jr", "jr.", "sr", "sr.", "ii", "iii", "iv",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // split_name: first and split_name: last usually read the same cell one after the other.
    [ThreadStatic] private static string? t_lastInput;
    [ThreadStatic] private static (string? First, string? Last) t_lastResult;

    public static (string? First, string? Last) Split(string input)
    {
        if (ReferenceEquals(input, t_lastInput)) return t_lastResult;
        var result = SplitCore(input);
        t_lastInput = input;
        t_lastResult = result;
        return result;
    }

    private static (string? First, string? Last) SplitCore(string input)
    {
        var text = input.Trim();
        if (text.Length == 0) return (null, null);
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            var last = Collapse(text[..comma]);
            var first = Collapse(text[(comma + 1)..]);
            if (!Suffixes.Contains(first)) return (Empty(first), Empty(last));
            // "King, Jr.": a suffix after the comma, not a first name.
            var (given, family) = Words(last);
            return (given, family is null ? first : family + " " + first);
        }
        return Words(text);
    }

    private static (string? First, string? Last) Words(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return (null, null);
        var end = words.Length - 1;
        if (end >= 1 && Suffixes.Contains(words[end])) end--;
        var start = end;
        while (start - 1 >= 1 && Particles.Contains(words[start - 1])) start--;
        return (start == 0 ? null : string.Join(' ', words, 0, start), string.Join(' ', words, start, words.Length - start));
    }

    private static string Collapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? Empty(string s) => s.Length == 0 ? null : s;
}
