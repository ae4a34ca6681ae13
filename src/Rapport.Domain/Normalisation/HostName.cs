using System.Buffers;
using System.Globalization;
using System.Text;

namespace Rapport.Domain.Normalisation;

/// <summary>
/// Checks and canonicalises the host of an email address, a website or a company domain, so all
/// three compare equal for the same company: lower case, internationalised labels in Unicode
/// (xn--bcher-kva.de becomes bücher.de), full-width letters and ideographic dots folded.
/// </summary>
/// <remarks>
/// Under InvariantGlobalization, <see cref="IdnMapping"/> only converts punycode: it neither maps case
/// nor rejects hyphens or symbols. It is used for the conversion and the 63-octet check; letters,
/// digits, marks and hyphens are checked here.
/// </remarks>
internal static class HostName
{
    private const int MaxLabel = 63;
    private const int MaxName = 253;

    private static readonly IdnMapping Idn = new();

    /// <summary>Appends the canonical host to <paramref name="writer"/>; returns an error message, or null when valid.</summary>
    public static string? Write(ReadOnlySpan<char> host, bool allowTrailingDot, bool allowIp, ref CharWriter writer, out bool isIp)
    {
        isIp = false;
        if (host.IsEmpty) return "has no domain name";
        if (host[0] == '[') return "has an IP address literal; a domain name is required";
        Span<char> label = stackalloc char[MaxLabel];
        var hostStart = writer.Length;
        var labels = 0;
        var aceLength = -1;
        var numericLabels = 0;
        var lastNumeric = false;
        var i = 0;
        while (true)
        {
            var n = 0;
            var ascii = true;
            while (i < host.Length && !IsDot(host[i]))
            {
                var c = CharFolding.FoldWidth(host[i++]);
                if (CharFolding.IsIgnorable(c)) continue;
                if (n == MaxLabel) return $"domain {Text.Quote(host)} has a part longer than {MaxLabel} characters";
                if (c >= 0x80) ascii = false;
                label[n++] = char.ToLowerInvariant(c);
            }
            var atEnd = i >= host.Length;
            if (n == 0)
            {
                if (atEnd && labels > 0 && allowTrailingDot) break;
                if (atEnd && labels > 0 && !allowTrailingDot) return $"domain {Text.Quote(host)} ends with a dot";
                return labels == 0 && atEnd ? "has no domain name" : $"domain {Text.Quote(host)} has an empty part between dots";
            }
            var part = label[..n];
            string? error;
            int partAce;
            if (labels > 0) writer.Append('.');
            if (!ascii) error = WriteUnicode(part, ref writer, out partAce);
            else if (part.StartsWith("xn--")) error = WriteAce(part, ref writer, out partAce);
            else { error = CheckAscii(part); writer.Append(part); partAce = n; }
            if (error is not null) return $"domain {Text.Quote(host)} {error}";
            lastNumeric = IsNumeric(part);
            if (lastNumeric) numericLabels++;
            aceLength += partAce + 1;
            labels++;
            if (atEnd) break;
            i++;
        }
        if (labels < 2) return $"domain {Text.Quote(host)} must contain a dot";
        if (aceLength > MaxName) return $"domain is longer than {MaxName} characters";
        if (!lastNumeric) return null;
        if (allowIp && numericLabels == 4 && labels == 4 && IsIPv4(writer.Written[hostStart..]))
        {
            isIp = true;
            return null;
        }
        return $"domain {Text.Quote(host)} ends in a number, which is not a top-level domain";
    }

    private static bool IsDot(char c) => c is '.' or '\u3002' or '\uFF0E' or '\uFF61';

    private static bool IsNumeric(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static string? CheckAscii(ReadOnlySpan<char> label)
    {
        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-') return $"contains {Text.Quote(c)}; only letters, digits, hyphens and dots are allowed";
        }
        return label[0] == '-' || label[^1] == '-' ? "has a part that starts or ends with a hyphen" : null;
    }

    private static string? WriteAce(scoped ReadOnlySpan<char> label, ref CharWriter writer, out int aceLength)
    {
        aceLength = label.Length;
        var error = CheckAscii(label);
        if (error is not null) return error;
        string unicode;
        try { unicode = Idn.GetUnicode(label.ToString()); }
        catch (ArgumentException) { return $"has an invalid punycode part {Text.Quote(label)}"; }
        unicode = unicode.ToLowerInvariant();
        if (Ascii.IsValid(unicode) || CheckUnicode(unicode) is not null) return $"has an invalid punycode part {Text.Quote(label)}";
        writer.Append(unicode);
        return null;
    }

    private static string? WriteUnicode(scoped ReadOnlySpan<char> label, ref CharWriter writer, out int aceLength)
    {
        aceLength = 0;
        var error = CheckUnicode(label);
        if (error is not null) return error;
        try { aceLength = Idn.GetAscii(label.ToString()).Length; }
        catch (ArgumentException) { aceLength = int.MaxValue; }
        if (aceLength > MaxLabel) return $"has a part longer than {MaxLabel} characters once encoded";
        writer.Append(label);
        return null;
    }

    /// <summary>IDNA 2008 in spirit: letters, combining marks, digits and inner hyphens; no symbols, punctuation or spaces.</summary>
    private static string? CheckUnicode(ReadOnlySpan<char> label)
    {
        if (label[0] == '-' || label[^1] == '-') return "has a part that starts or ends with a hyphen";
        var first = true;
        var rest = label;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
                return "contains a broken character";
            rest = rest[used..];
            var category = Rune.GetUnicodeCategory(rune);
            var isMark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (first && isMark) return "has a part that starts with a combining mark";
            first = false;
            if (rune.Value == '-' || isMark || Rune.IsLetterOrDigit(rune)) continue;
            return $"contains {Text.Quote(rune.ToString())}; only letters, digits, hyphens and dots are allowed";
        }
        return null;
    }

    private static bool IsIPv4(ReadOnlySpan<char> host)
    {
        foreach (var range in host.Split('.'))
        {
            var part = host[range];
            if (part.Length > 3 || (part.Length > 1 && part[0] == '0') || int.Parse(part, CultureInfo.InvariantCulture) > 255) return false;
        }
        return true;
    }
}
