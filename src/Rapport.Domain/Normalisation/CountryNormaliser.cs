using System.Collections.Frozen;
using System.Globalization;
using Rapport.Domain.Reference;

namespace Rapport.Domain.Normalisation;

/// <summary>
/// Country values to ISO 3166-1 alpha-2, the form the address country field stores and the phone and
/// postcode rules read. Accepts alpha-2 and alpha-3 in any case, the English short names of
/// <see cref="CountryCodes"/> and the <see cref="CountryAliases"/>, ignoring case, accents,
/// punctuation and "the" ("the Netherlands", "U.S.A.", "Cote d'Ivoire", "Trinidad &amp; Tobago").
/// </summary>
internal static class CountryNormaliser
{
    private const int MaxNameLength = 100;

    private static readonly FrozenDictionary<string, string> Alpha2 =
        CountryCodes.All.ToFrozenDictionary(c => c, c => c, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> Alpha3 =
        CountryCodes.All.ToFrozenDictionary(c => CountryCodes.Alpha3(c)!, c => c, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> Names = BuildNames();

    public static NormaliseResult Normalise(string input)
    {
        var s = CharFolding.TrimIgnorable(input);
        if (s.IsEmpty) return NormaliseResult.Blank;
        var code = Code(s);
        if (code is null && s.Length <= MaxNameLength)
        {
            Span<char> buffer = stackalloc char[MaxNameLength * 5];
            var key = Key(s, buffer);
            code = Code(key) ?? (Names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var named) ? named : null);
        }
        if (code is null) return NormaliseResult.Fail($"unknown country {Text.Quote(s)}");
        return NormaliseResult.Ok(code == input ? input : code);
    }

    private static string? Code(ReadOnlySpan<char> s) => s.Length switch
    {
        2 => Alpha2.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(s, out var a2) ? a2 : null,
        3 => Alpha3.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(s, out var a3) ? a3 : null,
        _ => null,
    };

    /// <summary>
    /// Matching key: lower-case ASCII where Latin letters allow, words separated by one space, dots and
    /// apostrophes removed (U.S.A. → usa), other punctuation a word break, "&amp;" read as "and",
    /// "st" as "saint", and every "the" dropped.
    /// </summary>
    private static ReadOnlySpan<char> Key(ReadOnlySpan<char> s, Span<char> buffer)
    {
        var writer = new CharWriter(buffer);
        var wordStart = 0;
        foreach (var raw in s)
        {
            var c = CharFolding.FoldWidth(raw);
            if (c is '.' or '\'' or '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4' || CharFolding.IsIgnorable(c)) continue;
            if (char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark) continue;
            if (c == '&') { EndWord(ref writer, ref wordStart); writer.Append("and"); EndWord(ref writer, ref wordStart); continue; }
            if (!char.IsLetterOrDigit(c)) { EndWord(ref writer, ref wordStart); continue; }
            switch (c)
            {
                case 'ß': writer.Append("ss"); break;
                case 'æ' or 'Æ': writer.Append("ae"); break;
                case 'œ' or 'Œ': writer.Append("oe"); break;
                default: writer.Append(CharFolding.FoldLatin(c)); break;
            }
        }
        EndWord(ref writer, ref wordStart);
        var length = writer.Length > 0 && writer[writer.Length - 1] == ' ' ? writer.Length - 1 : writer.Length;
        return buffer[..length];
    }

    private static void EndWord(ref CharWriter writer, ref int wordStart)
    {
        var word = writer.Written[wordStart..];
        if (word.IsEmpty) return;
        if (word.SequenceEqual("the")) { writer.Truncate(wordStart); return; }
        if (word.SequenceEqual("st")) { writer.Truncate(wordStart); writer.Append("saint"); }
        writer.Append(' ');
        wordStart = writer.Length;
    }

    private static FrozenDictionary<string, string> BuildNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in CountryCodes.All) Add(names, CountryCodes.Name(code)!, code);
        foreach (var line in CountryAliases.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var code = Alpha2[line[..2]];
            foreach (var alias in line[3..].Split('|')) Add(names, alias, code);
        }
        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, string> names, string name, string code)
    {
        Span<char> buffer = stackalloc char[MaxNameLength * 5];
        var key = Key(name, buffer).ToString();
        if (names.TryGetValue(key, out var existing) && existing != code)
            throw new InvalidOperationException($"country name '{name}' is listed for both {existing} and {code}");
        names[key] = code;
    }
}
