namespace Rapport.Integration.Dedupe.Strings;

/// <summary>
/// Reads the date forms records arrive in: ISO "yyyy-MM-dd" (a time part is ignored), "yyyyMMdd" and
/// "yyyy/MM/dd". A date is an int yyyymmdd so comparisons of its parts are arithmetic.
/// </summary>
internal static class DateText
{
    public static bool TryParse(ReadOnlySpan<char> text, out int date)
    {
        date = 0;
        text = text.Trim();
        int year, month, day;
        if (text.Length >= 10 && text[4] is '-' or '/' or '.' && text[7] == text[4] && (text.Length == 10 || text[10] is 'T' or ' '))
        {
            if (!Digits(text[..4], out year) || !Digits(text[5..7], out month) || !Digits(text[8..10], out day)) return false;
        }
        else if (text.Length == 8)
        {
            if (!Digits(text[..4], out year) || !Digits(text[4..6], out month) || !Digits(text[6..8], out day)) return false;
        }
        else
        {
            return false;
        }
        if (year is < 1000 or > 2999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = year * 10000 + month * 100 + day;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
