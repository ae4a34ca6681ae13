using System.Globalization;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Features;

/// <summary>
/// One distinct normalised value of a feature with everything comparisons need precomputed once: its
/// phonetic code, parsed date or number, street name, and how many records hold it. Records point at
/// values by id, so a city shared by 50,000 records is analysed once.
/// </summary>
internal struct ValueInfo
{
    /// <summary>The normalised value.</summary>
    public string Text;

    /// <summary>Text kinds: the words sorted (null for one word). Street: the street without numbers. Number: set when numeric.</summary>
    public string? Alt;

    /// <summary>Names and text: the packed NYSIIS code. Date: yyyymmdd (0 if invalid). Street: the house number. Number: the value's bits.</summary>
    public ulong Code;

    /// <summary>How many records hold this value (term frequency).</summary>
    public int Count;

    public static ValueInfo Create(MatchKind kind, string text)
    {
        var value = new ValueInfo { Text = text };
        switch (kind)
        {
            case MatchKind.Name:
                value.Code = Nysiis.Pack(text);
                break;
            case MatchKind.Text or MatchKind.CompanyName:
                value.Alt = Words.Sorted(text);
                value.Code = Nysiis.Pack(FirstWord(text));
                break;
            case MatchKind.Street:
                SplitStreet(text, ref value);
                break;
            case MatchKind.Date:
                value.Code = DateText.TryParse(text, out var date) ? (ulong)date : 0;
                break;
            case MatchKind.Number:
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    value.Alt = text;
                    value.Code = (ulong)BitConverter.DoubleToInt64Bits(number);
                }
                break;
        }
        return value;
    }

    public static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> text)
    {
        var space = text.IndexOf(' ');
        return space < 0 ? text : text[..space];
    }

    private static void SplitStreet(string text, ref ValueInfo value)
    {
        Span<char> name = stackalloc char[text.Length];
        var length = 0;
        ulong number = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? ReadOnlySpan<char>.Empty : rest[(space + 1)..];
            if (char.IsAsciiDigit(word[0]))
            {
                if (number == 0) number = LeadingNumber(word);
                continue;
            }
            if (length > 0) name[length++] = ' ';
            word.CopyTo(name[length..]);
            length += word.Length;
        }
        value.Code = number;
        value.Alt = length == text.Length ? text : new string(name[..length]);
    }

    private static ulong LeadingNumber(ReadOnlySpan<char> word)
    {
        ulong n = 0;
        for (var i = 0; i < word.Length && i < 18 && char.IsAsciiDigit(word[i]); i++) n = n * 10 + (ulong)(word[i] - '0');
        return n;
    }
}
