namespace Rapport.Domain.Normalisation;

/// <summary>
/// A company's domain as a bare host name ("example.co.uk"), the key that links a company to the
/// email addresses and websites of its people. Accepts what gets pasted into a domain field — a URL,
/// "www.example.com", even an email address — and keeps only the host: scheme, credentials, port,
/// path, query, fragment, a trailing dot and a leading "www." go. Internationalised names are
/// stored in Unicode lower case, like email domains. IPv4 addresses are accepted with a note.
/// </summary>
internal static class DomainNormaliser
{
    public static NormaliseResult Normalise(string input)
    {
        var s = CharFolding.TrimIgnorable(input);
        if (s.IsEmpty) return NormaliseResult.Blank;
        var error = WebAddress.Parse(s, out var address);
        if (error is not null) return NormaliseResult.Fail(error);
        var buffer = s.Length <= 1000 ? stackalloc char[s.Length] : new char[s.Length];
        var writer = new CharWriter(buffer);
        error = HostName.Write(address.Host, allowTrailingDot: true, allowIp: true, ref writer, out var isIp);
        if (error is not null) return NormaliseResult.Fail(error);
        var host = writer.Written;
        if (!isIp && host.StartsWith("www.") && host[4..].Contains('.')) host = host[4..];
        var result = NormaliseResult.Ok(host.SequenceEqual(input) ? input : host.ToString());
        return isIp ? result with { Note = "an IP address, not a domain name" } : result;
    }
}
