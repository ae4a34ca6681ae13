namespace Rapport.Integration.Dedupe.Strings;

/// <summary>
/// Splits text into folded words of letters and digits separated by single spaces: punctuation becomes
/// a word break and apostrophes vanish ("O'Brien-Smith" reads "obrien smith").
/// </summary>
internal static class Words
{
    /// <summary>Longest input considered; matching never needs more and the buffers stay on the stack.</summary>
    public const int MaxInput = 200;

    /// <summary>A buffer that holds any output of this class and of the normalisers built on it.</summary>
    public const int BufferSize = MaxInput * 4;

    public static int Write(ReadOnlySpan<char> input, Span<char> output)
    {
        if (input.Length > MaxInput) input = input[..MaxInput];
        Span<char> folded = stackalloc char[2];
        var length = 0;
        var pendingSpace = false;
        foreach (var c in input)
        {
            if (c is '\'' or '’' or '`' or '´') continue;
            if (!char.IsLetterOrDigit(c))
            {
                pendingSpace = length > 0;
                continue;
            }
            if (pendingSpace)
            {
                output[length++] = ' ';
                pendingSpace = false;
            }
            var n = Folding.Fold(c, folded);
            for (var i = 0; i < n; i++) output[length++] = folded[i];
        }
        return length;
    }

    /// <summary>Keeps only letters and digits, folded, with no separators: "AB-12 3" reads "ab123".</summary>
    public static int WriteCompact(ReadOnlySpan<char> input, Span<char> output)
    {
        if (input.Length > MaxInput) input = input[..MaxInput];
        Span<char> folded = stackalloc char[2];
        var length = 0;
        foreach (var c in input)
        {
            if (!char.IsLetterOrDigit(c)) continue;
            var n = Folding.Fold(c, folded);
            for (var i = 0; i < n; i++) output[length++] = folded[i];
        }
        return length;
    }

    /// <summary>The words of normalised text sorted and joined again, or null for a single word.</summary>
    public static string? Sorted(string text)
    {
        if (!text.Contains(' ', StringComparison.Ordinal)) return null;
        var words = text.Split(' ');
        Array.Sort(words, StringComparer.Ordinal);
        return string.Join(' ', words);
    }
}
