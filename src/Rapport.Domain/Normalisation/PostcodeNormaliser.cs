namespace Rapport.Domain.Normalisation;

/// <summary>
/// Postcodes in their country's canonical shape ("sw1a1aa" → "SW1A 1AA", "123456789" → "12345-6789",
/// "D-10115" → "10115"), so address matching and sorting work. The country is the record's own,
/// else the default region; for countries without a known shape the value is only trimmed,
/// whitespace-collapsed and upper-cased, never refused, since a CRM must hold any address.
/// </summary>
internal static class PostcodeNormaliser
{
    private const int MaxCompact = 12;

    public static NormaliseResult Normalise(string input, string? country)
    {
        var s = CharFolding.TrimIgnorable(input);
        if (s.IsEmpty) return NormaliseResult.Blank;
        var format = country is null ? null : PostcodeFormats.For(country);
        return format is null ? Generic(input, s) : Shaped(input, s, format);
    }

    private static NormaliseResult Generic(string input, ReadOnlySpan<char> s)
    {
        var buffer = s.Length <= 512 ? stackalloc char[s.Length] : new char[s.Length];
        var writer = new CharWriter(buffer);
        var pendingSpace = false;
        foreach (var raw in s)
        {
            var c = CharFolding.FoldDigit(CharFolding.FoldWidth(raw));
            if (CharFolding.IsIgnorable(c)) continue;
            if (char.IsWhiteSpace(c)) { pendingSpace = true; continue; }
            if (pendingSpace) writer.Append(' ');
            pendingSpace = false;
            writer.Append(char.ToUpperInvariant(c));
        }
        return NormaliseResult.Ok(writer.ToString(input));
    }

    private static NormaliseResult Shaped(string input, ReadOnlySpan<char> s, PostcodeFormat format)
    {
        Span<char> compact = stackalloc char[MaxCompact];
        var length = 0;
        foreach (var raw in s)
        {
            var c = char.ToUpperInvariant(CharFolding.FoldDigit(CharFolding.FoldWidth(raw)));
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (length == MaxCompact) return Invalid(format, compact[..length]);
                compact[length++] = c;
            }
            else if (!(char.IsWhiteSpace(c) || CharFolding.IsDash(c) || CharFolding.IsIgnorable(c) || (c == '〒' && length == 0)))
            {
                return Invalid(format, compact[..0]);
            }
        }
        ReadOnlySpan<char> code = compact[..length];
        if (format.DigitsOnly) code = WithoutCountryPrefix(code);
        Span<char> buffer = stackalloc char[MaxCompact * 2];
        foreach (var shape in format.Shapes)
        {
            var writer = new CharWriter(buffer);
            if (TryWrite(code, shape, ref writer)) return NormaliseResult.Ok(writer.ToString(input));
        }
        return Invalid(format, code);
    }

    /// <summary>"D-10115", "CH-8001", "DK-1050": the European habit of prefixing the country to a numeric code.</summary>
    private static ReadOnlySpan<char> WithoutCountryPrefix(ReadOnlySpan<char> code)
    {
        var letters = 0;
        while (letters < code.Length && char.IsAsciiLetter(code[letters])) letters++;
        return letters is >= 1 and <= 3 ? code[letters..] : code;
    }

    private static bool TryWrite(ReadOnlySpan<char> code, string shape, ref CharWriter writer)
    {
        var i = 0;
        foreach (var p in shape)
        {
            if (p is ' ' or '-')
            {
                writer.Append(p);
                continue;
            }
            if (i == code.Length) return false;
            var c = code[i++];
            var fits = p switch
            {
                '9' => char.IsAsciiDigit(c),
                'A' => char.IsAsciiLetter(c),
                'X' => true,
                _ => c == p,
            };
            if (!fits) return false;
            writer.Append(c);
        }
        return i == code.Length;
    }

    private static NormaliseResult Invalid(PostcodeFormat format, ReadOnlySpan<char> code)
    {
        var message = $"is not a valid postcode for {Text.CountryName(format.Country)}: expected {format.Example}";
        var oneShort = code.Length + 1;
        var lostZero = format.DigitsOnly && !code.IsEmpty && !code.ContainsAnyExcept("0123456789")
            && format.Shapes.Any(shape => shape.Count(c => c == '9') == oneShort);
        return NormaliseResult.Fail(lostZero ? message + " (was a leading 0 lost, e.g. by a spreadsheet?)" : message);
    }
}
