using System.Globalization;
using System.Text;

namespace Rapport.Domain.Normalisation;

/// <summary>
/// Email addresses as RFC 5321 dot-atoms, with UTF-8 allowed by RFC 6531. The domain is lower-cased
/// (and kept in Unicode when internationalised); the local part keeps its case because the receiving
/// server may treat it as case-sensitive. Quoted local parts, comments, display names
/// ("Ada &lt;ada@example.com&gt;") and address literals are refused: a CRM gets them only by mistake.
/// </summary>
internal static class EmailNormaliser
{
    private const int MaxLocalOctets = 64;
    private const int MaxAddressOctets = 254;
    private const string AsciiSpecials = "!#$%&'*+-/=?^_`{|}~";

    public static NormaliseResult Normalise(string input)
    {
        var s = CharFolding.TrimIgnorable(input);
        if (s.IsEmpty) return NormaliseResult.Blank;
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) s = CharFolding.TrimIgnorable(s[7..]);
        var error = CheckShape(s);
        if (error is not null) return NormaliseResult.Fail(error);
        var at = s.IndexOf('@');
        var local = s[..at];
        var buffer = s.Length <= 512 ? stackalloc char[s.Length] : new char[s.Length];
        var writer = new CharWriter(buffer);
        error = WriteLocalPart(local, ref writer);
        if (error is not null) return NormaliseResult.Fail(error);
        writer.Append('@');
        error = HostName.Write(s[(at + 1)..], allowTrailingDot: false, allowIp: false, ref writer, out _);
        if (error is not null) return NormaliseResult.Fail(error);
        if (Encoding.UTF8.GetByteCount(writer.Written) > MaxAddressOctets)
            return NormaliseResult.Fail($"is longer than {MaxAddressOctets} characters");
        return NormaliseResult.Ok(writer.ToString(input));
    }

    private static string? CheckShape(ReadOnlySpan<char> s)
    {
        if (s.IndexOfAny('<', '>') >= 0) return "must be a bare address like ada@example.com, without a display name or angle brackets";
        if (s.Contains('"')) return "has a quoted local part, which is not supported";
        foreach (var c in s) if (char.IsWhiteSpace(c)) return "must not contain spaces";
        var at = s.IndexOf('@');
        if (at < 0) return "is not an email address: there is no '@'";
        if (s[(at + 1)..].Contains('@')) return "has more than one '@'";
        if (at == 0) return "has nothing before the '@'";
        if (at == s.Length - 1) return "has no domain after the '@'";
        return null;
    }

    private static string? WriteLocalPart(ReadOnlySpan<char> local, ref CharWriter writer)
    {
        var start = writer.Length;
        var previous = '.';
        for (var i = 0; i < local.Length; i++)
        {
            var c = local[i];
            if (CharFolding.IsIgnorable(c)) continue;
            if (c == '.')
            {
                if (previous == '.') return writer.Length == start ? "must not start with a dot" : "must not contain two dots in a row";
            }
            else if (c < 0x80)
            {
                if (!char.IsAsciiLetterOrDigit(c) && !AsciiSpecials.Contains(c)) return $"contains {Text.Quote(c)}, which is not allowed before the '@'";
            }
            else if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= local.Length || !char.IsLowSurrogate(local[i + 1])) return "contains a broken character";
                writer.Append(c);
                c = local[++i];
            }
            else if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return $"contains the invisible or unassigned character {Text.Quote(c)}";
            }
            writer.Append(c);
            previous = c;
        }
        if (writer.Length == start) return "has nothing before the '@'";
        if (previous == '.') return "must not end with a dot before the '@'";
        if (Encoding.UTF8.GetByteCount(writer.Written[start..]) > MaxLocalOctets)
            return $"has more than {MaxLocalOctets} characters before the '@'";
        return null;
    }
}
