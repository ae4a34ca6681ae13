namespace Rapport.Domain.Normalisation;

/// <summary>
/// A company or profile website as a canonical http(s) URL: scheme lower-case (https added when
/// missing, http kept when written), host canonical as in <see cref="HostName"/> (so "www." stays:
/// it may be a different site), default port, credentials, a lone "/" and tracking parameters
/// (utm_*, gclid, fbclid…) removed; path, other query parameters and fragment kept as written
/// because they are case-sensitive and may matter to the site. IPv4 hosts are accepted with a note.
/// </summary>
internal static class WebsiteNormaliser
{
    private static readonly string[] TrackingParameters =
        ["gclid", "gbraid", "wbraid", "dclid", "fbclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok"];

    public static NormaliseResult Normalise(string input)
    {
        var s = CharFolding.TrimIgnorable(input);
        if (s.IsEmpty) return NormaliseResult.Blank;
        var error = WebAddress.Parse(s, out var address);
        if (error is not null) return NormaliseResult.Fail(error);
        var https = address.Scheme.IsEmpty || address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
        if (!https && !address.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
            return NormaliseResult.Fail($"must be an http or https address, not '{address.Scheme}:'");
        var buffer = s.Length <= 1000 ? stackalloc char[s.Length + 16] : new char[s.Length + 16];
        var writer = new CharWriter(buffer);
        writer.Append(https ? "https://" : "http://");
        error = HostName.Write(address.Host, allowTrailingDot: true, allowIp: true, ref writer, out var isIp);
        if (error is not null) return NormaliseResult.Fail(error);
        if (!address.Port.IsEmpty && !address.Port.SequenceEqual(https ? "443" : "80"))
        {
            writer.Append(':');
            writer.Append(address.Port);
        }
        WriteRest(address.Rest, ref writer);
        var result = NormaliseResult.Ok(writer.ToString(input));
        if (address.HadCredentials) return result with { Note = "user name and password removed from the address" };
        return isIp ? result with { Note = "the host is an IP address, not a domain name" } : result;
    }

    private static void WriteRest(ReadOnlySpan<char> rest, ref CharWriter writer)
    {
        var hash = rest.IndexOf('#');
        var fragment = hash < 0 ? default : rest[hash..];
        var beforeFragment = hash < 0 ? rest : rest[..hash];
        var question = beforeFragment.IndexOf('?');
        var path = question < 0 ? beforeFragment : beforeFragment[..question];
        var query = question < 0 ? default : beforeFragment[(question + 1)..];
        var pathStart = writer.Length;
        writer.Append(path);
        var queryStart = writer.Length;
        writer.Append('?');
        foreach (var range in query.Split('&'))
        {
            var parameter = query[range];
            if (parameter.IsEmpty || IsTracking(parameter)) continue;
            if (writer.Length > queryStart + 1) writer.Append('&');
            writer.Append(parameter);
        }
        if (writer.Length == queryStart + 1) writer.Truncate(queryStart);
        writer.Append(fragment);
        if (writer.Length == pathStart + 1 && writer[pathStart] == '/') writer.Truncate(pathStart);
    }

    private static bool IsTracking(ReadOnlySpan<char> parameter)
    {
        var equals = parameter.IndexOf('=');
        var name = equals < 0 ? parameter : parameter[..equals];
        if (name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var tracking in TrackingParameters)
        {
            if (name.Equals(tracking, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
