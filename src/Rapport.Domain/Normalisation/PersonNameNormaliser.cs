namespace Rapport.Domain.Normalisation;

/// <summary>
/// Person names: whitespace tidied always; letters re-cased only when the whole name was typed in
/// one case (JOHN MCDONALD, ada lovelace), because a mixed-case name is how its owner writes it
/// ("DeShawn", "McKenzie", "van Gogh" must survive). Re-casing knows Mc/Mac, O'/D',
/// hyphenated names, lower-case particles inside a name (van, de la, bin, al-) and generation
/// numerals (III); the first word is always capitalised ("Van der Berg" on its own).
/// </summary>
internal static class PersonNameNormaliser
{
    public static NormaliseResult Normalise(string input)
    {
        var tidy = WhitespaceNormaliser.Normalise(input);
        if (tidy.Value is not { } s || !IsSingleCase(s)) return tidy;
        var buffer = s.Length <= 512 ? stackalloc char[s.Length] : new char[s.Length];
        for (var i = 0; i < s.Length; i++) buffer[i] = char.ToLowerInvariant(s[i]);
        var start = 0;
        var first = true;
        while (start < buffer.Length)
        {
            var space = buffer[start..].IndexOf(' ');
            var end = space < 0 ? buffer.Length : start + space;
            RecaseWord(buffer[start..end], first, last: end == buffer.Length);
            first = false;
            start = end + 1;
        }
        return NormaliseResult.Ok(buffer.SequenceEqual(input) ? input : new string(buffer));
    }

    /// <summary>True when the letters are all upper case or all lower case; ß counts as neither, having no traditional capital.</summary>
    private static bool IsSingleCase(string s)
    {
        bool upper = false, lower = false;
        foreach (var c in s)
        {
            if (c == 'ß') continue;
            if (char.IsUpper(c)) upper = true;
            else if (char.IsLower(c)) lower = true;
            if (upper && lower) return false;
        }
        return upper || lower;
    }

    private static void RecaseWord(Span<char> word, bool first, bool last)
    {
        var key = word.TrimEnd(".,");
        if (!first && !last && PersonNameWords.Particles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(key)) return;
        if (!first && last && PersonNameWords.RomanNumerals.GetAlternateLookup<ReadOnlySpan<char>>().Contains(key))
        {
            foreach (ref var c in word) c = char.ToUpperInvariant(c);
            return;
        }
        var segmentStart = 0;
        while (segmentStart < word.Length)
        {
            var hyphen = word[segmentStart..].IndexOf('-');
            var end = hyphen < 0 ? word.Length : segmentStart + hyphen;
            var segment = word[segmentStart..end];
            var hyphenParticle = !first && segmentStart == 0 && hyphen >= 0
                && PersonNameWords.HyphenParticles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(segment);
            if (!hyphenParticle) RecaseSegment(segment);
            segmentStart = end + 1;
        }
    }

    private static void RecaseSegment(Span<char> segment)
    {
        var mac = PersonNameWords.MacNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(segment);
        var mc = segment.Length > 3 && segment.StartsWith("mc") && char.IsLetter(segment[2]);
        var capitaliseNext = true;
        var lettersInRun = 0;
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (char.IsLetter(c))
            {
                if (capitaliseNext) segment[i] = char.ToUpperInvariant(c);
                else if (c == 'σ' && (i + 1 == segment.Length || !char.IsLetter(segment[i + 1]))) segment[i] = 'ς';
                capitaliseNext = false;
                lettersInRun++;
            }
            else if (c is '\'' or '\u2019' or '\u02BC')
            {
                capitaliseNext = lettersInRun == 1;
                lettersInRun = 0;
            }
            else if (!CharFolding.IsMark(c))
            {
                capitaliseNext = true;
                lettersInRun = 0;
            }
        }
        if (mc) segment[2] = char.ToUpperInvariant(segment[2]);
        if (mac) segment[3] = char.ToUpperInvariant(segment[3]);
    }
}
