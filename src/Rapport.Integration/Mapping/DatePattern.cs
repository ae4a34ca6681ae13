using System.Globalization;

namespace Rapport.Integration.Mapping;

/// <summary>
/// A .NET-style custom date pattern (<c>dd.MM.yyyy</c>, <c>MM/dd/yyyy</c>, <c>yyyyMMdd</c>,
/// <c>dd.MM.yyyy HH:mm</c>) compiled once into tokens and matched without culture data beyond the
/// invariant month and day names. Supported: yyyy yy M MM MMM MMMM d dd ddd dddd H HH h hh m mm s ss
/// f…fffffff F…FFFFFFF t tt z zz zzz K, quoted literals ('…' "…"), \x escapes; T and Z are literals;
/// any other letter is refused so a typo (YYYY, DD) is reported instead of silently never matching.
/// Two-digit fields between separators also accept one digit (1.2.2024 for dd.MM.yyyy).
/// </summary>
internal sealed class DatePattern
{
    private static readonly string[] MonthAbbr = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames;
    private static readonly string[] MonthFull = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
    private static readonly string[] DayAbbr = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames;
    private static readonly string[] DayFull = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    private readonly Token[] _tokens;

    private DatePattern(string pattern, Token[] tokens, bool hasTime)
    {
        Pattern = pattern;
        _tokens = tokens;
        HasTime = hasTime;
    }

    public string Pattern { get; }
    public bool HasTime { get; }

    /// <summary>Compiles <paramref name="pattern"/>; null with <paramref name="error"/> set when it is not usable.</summary>
    public static DatePattern? Compile(string pattern, bool needsTime, out string? error)
    {
        error = null;
        var tokens = new List<Token>();
        var seen = new HashSet<char>();
        for (var i = 0; i < pattern.Length;)
        {
            var c = pattern[i];
            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c) run++;
            switch (c)
            {
                case '\'' or '"':
                    var close = pattern.IndexOf(c, i + 1);
                    if (close < 0) { error = $"the quote at position {i + 1} is not closed"; return null; }
                    AddLiteral(tokens, pattern.AsSpan(i + 1, close - i - 1));
                    i = close + 1;
                    continue;
                case '\\':
                    if (i + 1 >= pattern.Length) { error = "it ends with a lone backslash"; return null; }
                    AddLiteral(tokens, pattern.AsSpan(i + 1, 1));
                    i += 2;
                    continue;
            }
            Part part;
            var fixedWidth = run == 2;
            switch (c)
            {
                case 'y':
                    if (run is not (2 or 4)) { error = "the year is written yyyy (or yy)"; return null; }
                    part = run == 4 ? Part.Year4 : Part.Year2;
                    break;
                case 'M':
                    if (run > 4) { error = "the month is written M, MM, MMM or MMMM"; return null; }
                    part = run switch { 3 => Part.MonthAbbr, 4 => Part.MonthName, _ => Part.Month };
                    break;
                case 'd':
                    if (run > 4) { error = "the day is written d, dd (ddd, dddd for the weekday)"; return null; }
                    part = run >= 3 ? Part.DayName : Part.Day;
                    if (run >= 3) c = 'w';
                    break;
                case 'H' or 'h' or 'm' or 's':
                    if (run > 2) { error = $"'{new string(c, run)}' is too long: use {c} or {c}{c}"; return null; }
                    part = c switch { 'H' => Part.Hour24, 'h' => Part.Hour12, 'm' => Part.Minute, _ => Part.Second };
                    break;
                case 'f' or 'F':
                    if (run > 7) { error = "fractions of a second have at most 7 digits"; return null; }
                    part = c == 'f' ? Part.Fraction : Part.OptionalFraction;
                    c = 'f';
                    break;
                case 't':
                    if (run > 2) { error = "AM/PM is written tt"; return null; }
                    part = Part.AmPm;
                    break;
                case 'z':
                    if (run > 3) { error = "the offset is written z, zz or zzz"; return null; }
                    part = Part.Offset;
                    break;
                case 'K':
                    if (run > 1) { error = "the offset is written K"; return null; }
                    part = Part.Offset;
                    c = 'z';
                    break;
                case 'Y' or 'D' or 'S' or 'g' or 'G' or 'E' or 'e':
                    error = c switch
                    {
                        'Y' => "'Y' is not a pattern letter: the year is written yyyy",
                        'D' => "'D' is not a pattern letter: the day is written dd",
                        'S' => "'S' is not a pattern letter: seconds are written ss",
                        _ => $"'{c}' is not a supported pattern letter",
                    };
                    return null;
                default:
                    if (char.IsAsciiLetter(c) && c is not ('T' or 'Z'))
                    {
                        error = $"'{c}' is not a supported pattern letter (quote literal text: 'at')";
                        return null;
                    }
                    AddLiteral(tokens, pattern.AsSpan(i, run));
                    i += run;
                    continue;
            }
            var key = c == 'h' ? 'H' : c;
            if (!seen.Add(key)) { error = $"'{c}' appears twice"; return null; }
            tokens.Add(new Token(part, run, null, fixedWidth));
            i += run;
        }
        if (!seen.Contains('y') || !seen.Contains('M') || !seen.Contains('d'))
        {
            error = "it needs a year (yyyy), a month (MM) and a day (dd)";
            return null;
        }
        var hasTime = seen.Contains('H');
        if (needsTime && !hasTime)
        {
            error = "a date-time pattern needs an hour (HH)";
            return null;
        }
        // Two-digit fields between separators (or the ends) also take one digit; run together (yyyyMMdd) they need both.
        var result = tokens.ToArray();
        for (var t = 0; t < result.Length; t++)
        {
            if (!result[t].FixedWidth) continue;
            var prevLiteral = t == 0 || result[t - 1].Part == Part.Literal;
            var nextLiteral = t + 1 == result.Length || result[t + 1].Part == Part.Literal;
            if (prevLiteral && nextLiteral) result[t] = result[t] with { FixedWidth = false };
        }
        return new DatePattern(pattern, result, hasTime);
    }

    private static void AddLiteral(List<Token> tokens, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        if (tokens.Count > 0 && tokens[^1].Part == Part.Literal)
            tokens[^1] = tokens[^1] with { Literal = tokens[^1].Literal + text.ToString() };
        else tokens.Add(new Token(Part.Literal, 0, text.ToString(), false));
    }

    /// <summary>Reads <paramref name="s"/> (already trimmed); the local date-time and the offset in minutes when the pattern has one.</summary>
    public bool TryParse(ReadOnlySpan<char> s, out DateTime value, out int? offsetMinutes)
    {
        value = default;
        offsetMinutes = null;
        int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0, pm = -1;
        long fraction = 0;
        var pos = 0;
        foreach (var token in _tokens)
        {
            int n;
            switch (token.Part)
            {
                case Part.Literal:
                    if (!MatchLiteral(s, ref pos, token.Literal!)) return false;
                    break;
                case Part.Year4:
                    if (!Digits(s, ref pos, 4, 4, out year)) return false;
                    break;
                case Part.Year2:
                    if (!Digits(s, ref pos, 2, 2, out n)) return false;
                    year = n <= 49 ? 2000 + n : 1900 + n;
                    break;
                case Part.Month:
                    if (!Digits(s, ref pos, token.FixedWidth ? 2 : 1, 2, out month)) return false;
                    break;
                case Part.MonthAbbr:
                    if ((month = MatchName(s, ref pos, MonthAbbr)) < 0) return false;
                    break;
                case Part.MonthName:
                    if ((month = MatchName(s, ref pos, MonthFull)) < 0) return false;
                    break;
                case Part.Day:
                    if (!Digits(s, ref pos, token.FixedWidth ? 2 : 1, 2, out day)) return false;
                    break;
                case Part.DayName:
                    if (MatchName(s, ref pos, token.Width == 3 ? DayAbbr : DayFull) < 0) return false;
                    break;
                case Part.Hour24:
                case Part.Hour12:
                    if (!Digits(s, ref pos, token.FixedWidth ? 2 : 1, 2, out hour)) return false;
                    if (token.Part == Part.Hour12 && hour is < 1 or > 12) return false;
                    break;
                case Part.Minute:
                    if (!Digits(s, ref pos, token.FixedWidth ? 2 : 1, 2, out minute)) return false;
                    break;
                case Part.Second:
                    if (!Digits(s, ref pos, token.FixedWidth ? 2 : 1, 2, out second)) return false;
                    break;
                case Part.Fraction:
                case Part.OptionalFraction:
                    var start = pos;
                    if (!Digits(s, ref pos, token.Part == Part.Fraction ? token.Width : 0, token.Width, out n)) return false;
                    fraction = n;
                    for (var k = pos - start; k < 7; k++) fraction *= 10;
                    break;
                case Part.AmPm:
                    if (pos >= s.Length) return false;
                    var ap = char.ToUpperInvariant(s[pos]);
                    if (ap is not ('A' or 'P')) return false;
                    pm = ap == 'P' ? 1 : 0;
                    pos++;
                    if (token.Width == 2 && (pos >= s.Length || char.ToUpperInvariant(s[pos]) != 'M')) return false;
                    if (token.Width == 2) pos++;
                    break;
                case Part.Offset:
                    if (!ReadOffset(s, ref pos, out var offset)) return false;
                    offsetMinutes = offset;
                    break;
            }
        }
        if (pos != s.Length) return false;
        if (pm >= 0)
        {
            if (hour is < 1 or > 12) return false;
            hour = hour % 12 + (pm == 1 ? 12 : 0);
        }
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 59) return false;
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
        return true;
    }

    private static bool MatchLiteral(ReadOnlySpan<char> s, ref int pos, string literal)
    {
        foreach (var ch in literal)
        {
            if (ch == ' ')
            {
                // One space in the pattern stands for any run of white space.
                if (pos >= s.Length || !char.IsWhiteSpace(s[pos])) return false;
                while (pos < s.Length && char.IsWhiteSpace(s[pos])) pos++;
                continue;
            }
            if (pos >= s.Length) return false;
            var c = s[pos];
            if (c != ch && !(char.IsAsciiLetter(ch) && char.ToUpperInvariant(c) == char.ToUpperInvariant(ch))) return false;
            pos++;
        }
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, ref int pos, int min, int max, out int value)
    {
        value = 0;
        var count = 0;
        while (count < max && pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            value = value * 10 + (s[pos] - '0');
            pos++;
            count++;
        }
        return count >= min && (count > 0 || min == 0);
    }

    private static int MatchName(ReadOnlySpan<char> s, ref int pos, string[] names)
    {
        var best = -1;
        var bestLength = 0;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (name.Length == 0 || name.Length <= bestLength || s.Length - pos < name.Length) continue;
            if (s.Slice(pos, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)) { best = i; bestLength = name.Length; }
        }
        if (best < 0) return -1;
        pos += bestLength;
        return best + 1;
    }

    private static bool ReadOffset(ReadOnlySpan<char> s, ref int pos, out int minutes)
    {
        minutes = 0;
        if (pos >= s.Length) return false;
        if (s[pos] is 'Z' or 'z') { pos++; return true; }
        var sign = s[pos] switch { '+' => 1, '-' => -1, _ => 0 };
        if (sign == 0) return false;
        pos++;
        if (!Digits(s, ref pos, 1, 2, out var hours)) return false;
        var mins = 0;
        if (pos < s.Length && s[pos] == ':') pos++;
        if (pos < s.Length && char.IsAsciiDigit(s[pos]) && !Digits(s, ref pos, 2, 2, out mins)) return false;
        if (hours > 14 || mins > 59) return false;
        minutes = sign * (hours * 60 + mins);
        return true;
    }

    private enum Part
    {
        Literal, Year4, Year2, Month, MonthAbbr, MonthName, Day, DayName,
        Hour24, Hour12, Minute, Second, Fraction, OptionalFraction, AmPm, Offset,
    }

    private readonly record struct Token(Part Part, int Width, string? Literal, bool FixedWidth);
}
