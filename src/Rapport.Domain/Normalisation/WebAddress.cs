using System.Globalization;

namespace Rapport.Domain.Normalisation;

/// <summary>
/// The parts of a web address as people paste them: with or without a scheme, with credentials,
/// port, path, query and fragment. A hand-written parser rather than <see cref="Uri"/> because Uri
/// accepts bare words, rewrites paths and costs several allocations per call.
/// </summary>
internal readonly ref struct WebAddress
{
    /// <summary>Scheme as written, without "://"; empty when the input had none.</summary>
    public ReadOnlySpan<char> Scheme { get; init; }

    /// <summary>True when the input carried user:password@ before the host.</summary>
    public bool HadCredentials { get; init; }

    public ReadOnlySpan<char> Host { get; init; }

    /// <summary>Port digits; empty when none was written.</summary>
    public ReadOnlySpan<char> Port { get; init; }

    /// <summary>Path, query and fragment, starting with '/', '?' or '#'; empty when absent.</summary>
    public ReadOnlySpan<char> Rest { get; init; }

    /// <summary>Splits <paramref name="s"/> (already trimmed); returns an error message, or null.</summary>
    public static string? Parse(ReadOnlySpan<char> s, out WebAddress address)
    {
        address = default;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) return "must not contain spaces";
            if (c == '\\') return "contains a backslash; web addresses use '/'";
            if (char.IsControl(c)) return "contains a control character";
        }
        var scheme = ReadOnlySpan<char>.Empty;
        var rest = s;
        var colon = s.IndexOf(':');
        if (colon > 0 && IsSchemeToken(s[..colon]))
        {
            var after = s[(colon + 1)..];
            if (after.StartsWith("//"))
            {
                scheme = s[..colon];
                rest = after[2..];
            }
            else if (IsLettersOnly(s[..colon]) && (after.IsEmpty || !char.IsAsciiDigit(after[0])))
            {
                return $"is a '{s[..colon]}:' address, not a web address";
            }
        }
        else if (s.StartsWith("//"))
        {
            rest = s[2..];
        }
        var authorityEnd = rest.IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var at = authority.LastIndexOf('@');
        var credentials = at >= 0;
        if (credentials) authority = authority[(at + 1)..];
        if (authority.StartsWith("[")) return "has an IPv6 address; a domain name is required";
        var host = authority;
        var port = ReadOnlySpan<char>.Empty;
        var portColon = authority.LastIndexOf(':');
        if (portColon >= 0)
        {
            host = authority[..portColon];
            port = authority[(portColon + 1)..];
            if (!IsPort(port)) return $"has an invalid port {Text.Quote(port)}";
        }
        if (host.IsEmpty) return "has no host name";
        address = new WebAddress
        {
            Scheme = scheme,
            HadCredentials = credentials,
            Host = host,
            Port = port,
            Rest = authorityEnd < 0 ? default : rest[authorityEnd..],
        };
        return null;
    }

    private static bool IsSchemeToken(ReadOnlySpan<char> s)
    {
        if (!char.IsAsciiLetter(s[0])) return false;
        foreach (var c in s) if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '.' or '-')) return false;
        return true;
    }

    private static bool IsLettersOnly(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiLetter(c)) return false;
        return true;
    }

    private static bool IsPort(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return true;
        if (s.Length > 5) return false;
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        var value = int.Parse(s, CultureInfo.InvariantCulture);
        return value is >= 1 and <= 65535;
    }
}
