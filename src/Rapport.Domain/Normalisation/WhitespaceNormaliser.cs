namespace Rapport.Domain.Normalisation;

/// <summary>
/// Free text (street, city, company name) keeps its characters but loses layout noise: leading and
/// trailing whitespace, runs of spaces, tabs, line breaks and no-break spaces inside, invisible
/// zero-width characters and control characters. Two spellings that differ only by that noise then
/// match in filters and duplicate checks.
/// </summary>
internal static class WhitespaceNormaliser
{
    public static NormaliseResult Normalise(string input)
    {
        if (IsNormal(input)) return input.Length == 0 ? NormaliseResult.Blank : NormaliseResult.Ok(input);
        var buffer = input.Length <= 512 ? stackalloc char[input.Length] : new char[input.Length];
        var writer = new CharWriter(buffer);
        Collapse(input, ref writer);
        return writer.Length == 0 ? NormaliseResult.Blank : NormaliseResult.Ok(writer.ToString(input));
    }

    /// <summary>Writes <paramref name="input"/> trimmed, with each whitespace run as one space and noise characters dropped.</summary>
    public static void Collapse(ReadOnlySpan<char> input, ref CharWriter writer)
    {
        var pendingSpace = false;
        foreach (var c in input)
        {
            if (char.IsWhiteSpace(c)) { pendingSpace = writer.Length > 0; continue; }
            if (IsNoise(c)) continue;
            if (pendingSpace) writer.Append(' ');
            pendingSpace = false;
            writer.Append(c);
        }
    }

    private static bool IsNormal(string s)
    {
        if (s.Length == 0) return true;
        if (s[0] == ' ' || s[^1] == ' ') return false;
        var previousSpace = false;
        foreach (var c in s)
        {
            if (c == ' ')
            {
                if (previousSpace) return false;
                previousSpace = true;
                continue;
            }
            if (char.IsWhiteSpace(c) || IsNoise(c)) return false;
            previousSpace = false;
        }
        return true;
    }

    private static bool IsNoise(char c) => CharFolding.IsInvisible(c) || char.IsControl(c);
}
