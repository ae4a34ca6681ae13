using System.Text.RegularExpressions;

namespace Rapport.Domain.Validation;

/// <summary>Syntax checks shared by every write path.</summary>
public static partial class FieldFormats
{
    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\z")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^[a-z][A-Za-z0-9_]{0,62}\z")]
    private static partial Regex FieldNameRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.-]{0,63}\z")]
    private static partial Regex SystemNameRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex SchemeRegex();

    /// <summary>Checks an email address and lower-cases its domain (the local part is case-sensitive by RFC 5321).</summary>
    public static string? NormalizeEmail(string input)
    {
        var s = input.Trim();
        if (s.Length is 0 or > 254) return null;
        var at = s.LastIndexOf('@');
        if (at <= 0 || at > 64 || !EmailRegex().IsMatch(s)) return null;
        if (s.Contains("..", StringComparison.Ordinal)) return null;
        return string.Concat(s.AsSpan(0, at + 1), s[(at + 1)..].ToLowerInvariant());
    }

    /// <summary>
    /// Accepts the usual written forms of a phone number. Numbers in international form (+ or 00)
    /// become E.164; others are kept as written (their region is unknown here).
    /// </summary>
    public static string? NormalizePhone(string input)
    {
        var s = input.Trim();
        if (s.Length is 0 or > 32) return null;
        var digits = 0;
        foreach (var ch in s)
        {
            if (char.IsAsciiDigit(ch)) digits++;
            else if (ch is not (' ' or '+' or '-' or '(' or ')' or '.' or '/')) return null;
        }
        if (digits < 3 || digits > 17 || s.LastIndexOf('+') > 0) return null;
        var international = s.StartsWith('+') || s.StartsWith("00", StringComparison.Ordinal);
        if (!international) return s;
        // "+49 (0)30 …": the bracketed trunk prefix is dialled only nationally, never after the country code.
        var only = new string(s.Replace("(0)", "", StringComparison.Ordinal).Where(char.IsAsciiDigit).ToArray());
        if (s.StartsWith("00", StringComparison.Ordinal)) only = only[2..];
        if (only.Length is < 7 or > 15 || only[0] == '0') return null;
        return "+" + only;
    }

    public static string? NormalizeUrl(string input)
    {
        var s = input.Trim();
        if (s.Length == 0) return null;
        if (!SchemeRegex().IsMatch(s)) s = "https://" + s;
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme is not ("http" or "https") || !uri.Host.Contains('.')) return null;
        return s;
    }

    public static bool IsFieldName(string name) => FieldNameRegex().IsMatch(name);

    public static bool IsExternalSystemName(string name) => SystemNameRegex().IsMatch(name);
}
