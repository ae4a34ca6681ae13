using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Profiling;

/// <summary>
/// What the values of one column look like in a sample: how many are filled, distinct, digits only,
/// valid dates or single-word codes. Lets the default configuration treat a text custom field holding
/// only numbers as an identifier without anyone saying so.
/// </summary>
internal sealed record FieldProfile(int Filled, int Distinct, double DigitsOnly, double DateLike, double CodeLike)
{
    public const int SampleRows = 20_000;

    /// <summary>Distinct values per filled value.</summary>
    public double Diversity => Filled == 0 ? 0 : (double)Distinct / Filled;

    public static FieldProfile Of(MatchTable table, int column)
    {
        var values = table.Column(column);
        var step = Math.Max(1, values.Length / SampleRows);
        var distinct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int filled = 0, digits = 0, dates = 0, codes = 0;
        for (var row = 0; row < values.Length; row += step)
        {
            var text = values[row]?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            filled++;
            distinct.Add(text);
            if (IsDigits(text)) digits++;
            if (DateText.TryParse(text, out _)) dates++;
            if (IsCode(text)) codes++;
        }
        return filled == 0
            ? new FieldProfile(0, 0, 0, 0, 0)
            : new FieldProfile(filled, distinct.Count, (double)digits / filled, (double)dates / filled, (double)codes / filled);
    }

    private static bool IsDigits(string text)
    {
        var any = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c)) any = true;
            else if (c is not (' ' or '-' or '/' or '.')) return false;
        }
        return any;
    }

    private static bool IsCode(string text)
    {
        if (text.Length < 3 || text.Contains(' ', StringComparison.Ordinal)) return false;
        var digit = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c)) digit = true;
            else if (!char.IsAsciiLetter(c) && c is not ('-' or '/' or '.' or '_')) return false;
        }
        return digit;
    }
}
