using Rapport.Domain.Reference;

namespace Rapport.Domain.Normalisation;

/// <summary>Wording for error messages: users see the offending part, but never a pasted page of it.</summary>
internal static class Text
{
    private const int MaxQuoted = 40;

    public static string Quote(ReadOnlySpan<char> s) =>
        s.Length <= MaxQuoted ? $"'{s}'" : $"'{s[..(MaxQuoted - 1)]}…'";

    public static string Quote(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    /// <summary>English name of a country for a sentence: "Korea, Republic of" reads as "Republic of Korea".</summary>
    public static string CountryName(string alpha2)
    {
        var name = CountryCodes.Name(alpha2);
        if (name is null) return $"'{alpha2}'";
        var comma = name.IndexOf(", ", StringComparison.Ordinal);
        return comma < 0 ? name : $"{name[(comma + 2)..]} {name[..comma]}";
    }
}
