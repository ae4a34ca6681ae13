using System.Text;

namespace Rapport.Integration.Formats;

/// <summary>Value text of vCard and iCalendar properties: escaping, structured values, transfer encodings.</summary>
internal static class ContentValues
{
    /// <summary>Undoes backslash escapes: <c>\n</c> and <c>\N</c> are a line break, <c>\x</c> is x.</summary>
    public static string Unescape(ReadOnlySpan<char> text)
    {
        var backslash = text.IndexOf('\\');
        if (backslash < 0) return text.ToString();
        var sb = new StringBuilder(text.Length);
        sb.Append(text[..backslash]);
        for (var i = backslash; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch != '\\' || i + 1 == text.Length)
            {
                sb.Append(ch);
                continue;
            }
            var next = text[++i];
            sb.Append(next is 'n' or 'N' ? '\n' : next);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Splits a structured value (N, ADR, ORG) at separators not escaped by a backslash, unescaping
    /// each component unless <paramref name="unescape"/> is false (to split a component again at commas).
    /// </summary>
    public static List<string> Split(string text, char separator, bool unescape = true)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] != separator) continue;
            parts.Add(unescape ? Unescape(text.AsSpan(start, i - start)) : text[start..i]);
            start = i + 1;
        }
        parts.Add(unescape ? Unescape(text.AsSpan(start)) : text[start..]);
        return parts;
    }

    /// <summary>Escapes TEXT for a property value: backslash, comma, semicolon and line breaks (CRLF, LF, CR → <c>\n</c>).</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("\\,;\r\n") < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            switch (ch)
            {
                case '\\': sb.Append(@"\\"); break;
                case ',': sb.Append(@"\,"); break;
                case ';': sb.Append(@"\;"); break;
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    sb.Append(@"\n");
                    break;
                case '\n': sb.Append(@"\n"); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Decodes the value of a vCard 2.1/3.0 property by its ENCODING and CHARSET parameters
    /// (QUOTED-PRINTABLE, BASE64/b); other values come back unchanged. The result is still escaped text.
    /// </summary>
    public static string Decode(ContentLine line)
    {
        var encoding = line.Param("ENCODING")?.Trim().ToUpperInvariant();
        if (encoding is null) return line.Value;
        var charset = Charset(line.Param("CHARSET"));
        switch (encoding)
        {
            case "QUOTED-PRINTABLE":
                return charset.GetString(QuotedPrintable(line.Value));
            case "B" or "BASE64":
                try { return charset.GetString(Convert.FromBase64String(line.Value.Trim())); }
                catch (FormatException) { return line.Value; }
            default:
                return line.Value;
        }
    }

    /// <summary>The encoding a CHARSET parameter names; UTF-8 when it is absent or unknown.</summary>
    public static Encoding Charset(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Encoding.UTF8;
        name = name.Trim();
        try
        {
            return System.Text.CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    /// <summary>The bytes of QUOTED-PRINTABLE text: <c>=XX</c> is a byte, anything else stands for itself.</summary>
    public static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add((byte)(Uri.FromHex(text[i + 1]) * 16 + Uri.FromHex(text[i + 2])));
                i += 2;
            }
            else if (ch < 0x80)
            {
                bytes.Add((byte)ch);
            }
            else
            {
                var n = Encoding.UTF8.GetBytes(text.AsSpan(i, char.IsHighSurrogate(ch) && i + 1 < text.Length ? 2 : 1), utf8);
                for (var k = 0; k < n; k++) bytes.Add(utf8[k]);
                if (char.IsHighSurrogate(ch) && i + 1 < text.Length) i++;
            }
        }
        return [.. bytes];
    }
}
