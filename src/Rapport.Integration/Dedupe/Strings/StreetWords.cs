using System.Collections.Frozen;

namespace Rapport.Integration.Dedupe.Strings;

/// <summary>
/// Spells out the usual street-type abbreviations ("St" / "Street", "Rd" / "Road", "Str." / "Straße"), so
/// an address typed either way compares equal. German compounds ending in "str" ("Hauptstr.") are
/// spelled out too.
/// </summary>
internal static class StreetWords
{
    private static readonly FrozenDictionary<string, string> Expansions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["st"] = "street", ["str"] = "strasse", ["rd"] = "road", ["ave"] = "avenue", ["av"] = "avenue",
        ["dr"] = "drive", ["ln"] = "lane", ["ct"] = "court", ["pl"] = "place", ["cres"] = "crescent",
        ["cr"] = "crescent", ["hwy"] = "highway", ["pde"] = "parade", ["cct"] = "circuit", ["blvd"] = "boulevard",
        ["tce"] = "terrace", ["sq"] = "square", ["pkwy"] = "parkway", ["cl"] = "close", ["gr"] = "grove",
        ["mt"] = "mount", ["apt"] = "apartment", ["ste"] = "suite", ["fl"] = "floor", ["flr"] = "floor",
        ["bldg"] = "building", ["pk"] = "park", ["sqr"] = "square", ["wy"] = "way", ["cir"] = "circle",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Expansions.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Rewrites normalised words (see <see cref="Words"/>) in <paramref name="text"/> into <paramref name="output"/>.</summary>
    public static int Expand(ReadOnlySpan<char> text, Span<char> output)
    {
        var length = 0;
        while (!text.IsEmpty)
        {
            var space = text.IndexOf(' ');
            var word = space < 0 ? text : text[..space];
            text = space < 0 ? ReadOnlySpan<char>.Empty : text[(space + 1)..];
            if (length > 0) output[length++] = ' ';
            if (Lookup.TryGetValue(word, out var full))
            {
                full.CopyTo(output[length..]);
                length += full.Length;
            }
            else if (word.Length > 4 && word.EndsWith("str") && char.IsLetter(word[^4]))
            {
                word.CopyTo(output[length..]);
                length += word.Length;
                "asse".CopyTo(output[length..]);
                length += 4;
            }
            else
            {
                word.CopyTo(output[length..]);
                length += word.Length;
            }
        }
        return length;
    }
}
