using System.Net;
using System.Net.Sockets;

namespace Rapport.Integration.Webhooks;

/// <summary>
/// Keeps webhooks from being aimed at Rapport's own network (server-side request forgery): anyone who may
/// create a subscription chooses the URL, and the server then POSTs to it from inside. A URL is checked when
/// the subscription is saved (<see cref="Validate"/>), and every connection is checked again after its own DNS
/// resolution (<see cref="CreateHandler"/>), so a name that later resolves to 10.0.0.5 or 169.254.169.254
/// (DNS rebinding) is refused too. Loopback and private targets are allowed only when
/// <c>RAPPORT_WEBHOOKS_ALLOW_PRIVATE=true</c> (<see cref="AllowPrivateFromEnvironment"/>), for tests and
/// on-premises receivers.
/// </summary>
public static class WebhookTargetGuard
{
    /// <summary>The environment variable that allows loopback and private targets when it is <c>true</c> (or <c>1</c>).</summary>
    public const string AllowPrivateVariable = "RAPPORT_WEBHOOKS_ALLOW_PRIVATE";

    /// <summary>How long a connection attempt (resolution and TCP/TLS handshake) may take before the attempt fails.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connections kept to one receiver at most. 2,000 deliveries a second to one receiver that answers in
    /// 250 ms need about 500 requests in flight (HTTP/1.1: one per connection); twice that leaves room for a
    /// slower receiver, and the cap still keeps a stuck receiver from taking every socket.
    /// </summary>
    public const int MaxConnectionsPerServer = 1024;

    /// <summary>
    /// How long a pooled connection is reused: long enough to spare handshakes at a high rate, short enough that a
    /// receiver's DNS change is followed (and each new connection passes the address check again).
    /// </summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Null when <paramref name="url"/> may be a webhook target, else why not, in words for the API's problem
    /// details: it must be an absolute http or https URL with a host and without a user name or password; unless
    /// <paramref name="allowPrivate"/>, a host written as an IP address must be public (<see cref="IsPublic"/>),
    /// and <c>localhost</c> names are refused. Host names are otherwise accepted here: what they resolve to is
    /// checked at each connection.
    /// </summary>
    public static string? Validate(string? url, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url))
            return "The webhook URL is required.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return "The webhook URL must be an absolute URL.";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return "The webhook URL must use http or https.";
        if (uri.UserInfo.Length > 0)
            return "The webhook URL must not contain a user name or password.";
        if (uri.Host.Length == 0)
            return "The webhook URL must name a host.";
        if (allowPrivate)
            return null;
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            if (!IPAddress.TryParse(Unbracketed(uri.Host), out var address))
                return "The webhook URL's address cannot be read.";
            return IsPublic(address) ? null : $"The webhook URL points to {address}, which is not a public address. {PrivateHint}";
        }
        var host = uri.Host.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return $"The webhook URL points to {uri.Host}, which is the server itself. {PrivateHint}";
        return null;
    }

    /// <summary>
    /// True when <paramref name="address"/> is a public unicast address. Refused: unspecified, loopback, private
    /// (10/8, 172.16/12, 192.168/16), shared CGNAT (100.64/10), link-local (169.254/16, fe80::/10, where cloud
    /// metadata services live), 0/8, 192.0.0/24, benchmarking (198.18/15), documentation, multicast, reserved
    /// (240/4, with broadcast), IPv6 unique-local (fc00::/7), site-local (fec0::/10), and everything outside
    /// global unicast 2000::/3. IPv6 forms that carry an IPv4 address (mapped ::ffff:0:0/96, compatible ::/96,
    /// NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address; the IETF protocol block 2001::/23
    /// (Teredo among others) and local-use NAT64 64:ff9b:1::/48 are refused.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return IsPublicV4(bytes[..4]);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return false;
        address.TryWriteBytes(bytes, out _);

        if (bytes[..10].IndexOfAnyExcept((byte)0) < 0 && (bytes[10], bytes[11]) is (0, 0) or (0xff, 0xff))
            return IsPublicV4(bytes[12..]);                                    // ::a.b.c.d and ::ffff:a.b.c.d
        if (bytes[..12].SequenceEqual(Nat64Prefix))
            return IsPublicV4(bytes[12..]);                                    // 64:ff9b::/96
        if ((bytes[0], bytes[1]) == (0x20, 0x02))
            return IsPublicV4(bytes[2..6]);                                    // 6to4 2002::/16
        if ((bytes[0] & 0xe0) != 0x20)
            return false;                                                      // outside 2000::/3
        if ((bytes[0], bytes[1]) == (0x20, 0x01) && bytes[2] <= 0x01)
            return false;                                                      // 2001::/23, Teredo 2001::/32 among them
        if ((bytes[0], bytes[1], bytes[2], bytes[3]) == (0x20, 0x01, 0x0d, 0xb8))
            return false;                                                      // documentation 2001:db8::/32
        if ((bytes[0], bytes[1] & 0xf0) == (0x3f, 0xf0))
            return false;                                                      // documentation 3fff::/20
        return true;
    }

    /// <summary>
    /// The handler for the webhook <see cref="HttpClient"/>. Its connect step resolves the host itself and throws
    /// <see cref="HttpRequestException"/> naming the address when any resolved address is not public (unless
    /// <paramref name="allowPrivate"/>), then connects only to the addresses it checked. Redirects are not
    /// followed: a 3xx answer is a failed delivery, as the specification advises (the subscriber should update the
    /// URL rather than have every event bounce through another one). No proxy or cookies are used, and no trace
    /// headers go to third parties. The request timeout is the caller's (the specification suggests 15–30 s).
    /// Keep requests at HTTP/1.1 or HTTP/2 (the default): HTTP/3 runs over QUIC and does not pass the connect check.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = ConnectTimeout,
        PooledConnectionLifetime = PooledConnectionLifetime,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        MaxConnectionsPerServer = MaxConnectionsPerServer,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
    };

    /// <summary>True when <see cref="AllowPrivateVariable"/> is <c>true</c> or <c>1</c>: any other value keeps the guard on.</summary>
    public static bool AllowPrivateFromEnvironment() => IsTrue(Environment.GetEnvironmentVariable(AllowPrivateVariable));

    internal static bool IsTrue(string? value) =>
        value?.Trim() is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));

    private const string PrivateHint = "Targets on loopback or private networks need " + AllowPrivateVariable + "=true.";

    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(Unbracketed(endPoint.Host), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"The webhook target {endPoint.Host} resolves to no address.");
        if (!allowPrivate && Array.Find(addresses, a => !IsPublic(a)) is { } refused)
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"The webhook target {endPoint.Host} resolves to {refused}, which is not a public address. {PrivateHint}");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Unbracketed(string host) =>
        host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;

    private static bool IsPublicV4(ReadOnlySpan<byte> b) => !(
        b[0] is 0 or 10 or 127 or >= 224 ||                                    // this network, private, loopback, multicast, reserved, broadcast
        (b[0] == 100 && (b[1] & 0xc0) == 64) ||                               // shared address space (CGNAT) 100.64/10
        (b[0] == 169 && b[1] == 254) ||                                        // link-local 169.254/16
        (b[0] == 172 && (b[1] & 0xf0) == 16) ||                                // private 172.16/12
        (b[0] == 192 && b[1] == 168) ||                                        // private 192.168/16
        (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) ||                        // IETF 192.0.0/24, documentation 192.0.2/24
        (b[0] == 198 && (b[1] & 0xfe) == 18) ||                                // benchmarking 198.18/15
        (b[0] == 198 && b[1] == 51 && b[2] == 100) ||                          // documentation 198.51.100/24
        (b[0] == 203 && b[1] == 0 && b[2] == 113));                            // documentation 203.0.113/24
}
