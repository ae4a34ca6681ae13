using System.Collections.Frozen;

namespace Rapport.Integration.Dedupe.Strings;

/// <summary>
/// Drops legal forms and filler words from company names ("The Acme Company, Inc." and "ACME GmbH" both
/// read "acme"), because the same company is written with and without them across systems.
/// </summary>
internal static class CompanyWords
{
    private static readonly FrozenSet<string> Ignored = new[]
    {
        "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "gmbh", "mbh", "ag", "kg", "ohg", "ug", "ev",
        "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "corp", "corporation", "co", "company", "pty",
        "oy", "ab", "as", "aps", "kgaa", "se", "the", "und", "and", "et", "cie", "group", "holding", "holdings",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Ignored.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Copies the words of normalised text that are not legal forms; keeps all when nothing else would remain.</summary>
    public static int Strip(ReadOnlySpan<char> text, Span<char> output)
    {
        var length = 0;
        var rest = text;
        while (!rest.IsEmpty)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? ReadOnlySpan<char>.Empty : rest[(space + 1)..];
            if (Lookup.Contains(word)) continue;
            if (length > 0) output[length++] = ' ';
            word.CopyTo(output[length..]);
            length += word.Length;
        }
        if (length > 0) return length;
        text.CopyTo(output);
        return text.Length;
    }
}
