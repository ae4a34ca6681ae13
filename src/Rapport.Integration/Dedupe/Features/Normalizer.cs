using System.Globalization;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Features;

/// <summary>
/// Brings a raw value into the one form its kind compares in, so that equal forms mean equal values and
/// each distinct form is analysed once. Writes into a caller's buffer of <see cref="Words.BufferSize"/>
/// characters and returns the length, 0 meaning "no value".
/// </summary>
internal static class Normalizer
{
    public static int Write(MatchKind kind, ReadOnlySpan<char> input, Span<char> output)
    {
        input = input.Trim();
        if (input.IsEmpty) return 0;
        if (input.Length > Words.MaxInput) input = input[..Words.MaxInput];
        switch (kind)
        {
            case MatchKind.Street:
            {
                Span<char> words = stackalloc char[Words.BufferSize];
                return StreetWords.Expand(words[..Words.Write(input, words)], output);
            }
            case MatchKind.CompanyName:
            {
                Span<char> words = stackalloc char[Words.BufferSize];
                return CompanyWords.Strip(words[..Words.Write(input, words)], output);
            }
            case MatchKind.Identifier or MatchKind.Postcode:
                return Words.WriteCompact(input, output);
            case MatchKind.Phone:
                return PhoneDigits(input, output);
            case MatchKind.Date:
                return DateForm(input, output);
            case MatchKind.Number:
                return NumberForm(input, output);
            case MatchKind.Email or MatchKind.Exact:
                return input.ToLowerInvariant(output);
            case MatchKind.Domain:
                return DomainForm(input, output);
            case MatchKind.ExternalId:
                input.CopyTo(output);
                return input.Length;
            default:
                return Words.Write(input, output);
        }
    }

    private static int PhoneDigits(ReadOnlySpan<char> input, Span<char> output)
    {
        var length = 0;
        foreach (var c in input)
        {
            if (char.IsAsciiDigit(c)) output[length++] = c;
        }
        return length >= 3 ? length : 0;
    }

    private static int DateForm(ReadOnlySpan<char> input, Span<char> output)
    {
        if (!DateText.TryParse(input, out var date)) return Words.WriteCompact(input, output);
        date.TryFormat(output, out var written, "D8", CultureInfo.InvariantCulture);
        return written;
    }

    private static int NumberForm(ReadOnlySpan<char> input, Span<char> output)
    {
        if (!decimal.TryParse(input, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return Words.WriteCompact(input, output);
        }
        number /= 1.000000000000000000000000000000000m;
        number.TryFormat(output, out var written, provider: CultureInfo.InvariantCulture);
        return written;
    }

    private static int DomainForm(ReadOnlySpan<char> input, Span<char> output)
    {
        var scheme = input.IndexOf("://");
        if (scheme >= 0) input = input[(scheme + 3)..];
        var end = input.IndexOfAny('/', '?', '#');
        if (end >= 0) input = input[..end];
        var at = input.LastIndexOf('@');
        if (at >= 0) input = input[(at + 1)..];
        var port = input.IndexOf(':');
        if (port >= 0) input = input[..port];
        input = input.TrimEnd('.');
        var length = input.ToLowerInvariant(output);
        if (length > 4 && output.StartsWith("www."))
        {
            output[4..length].CopyTo(output);
            length -= 4;
        }
        return length;
    }
}
