using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Rapport.Api.Auth;
using static Rapport.Api.Soap.SoapNames;

namespace Rapport.Api.Soap;

/// <summary>
/// Who is calling the SOAP API: the OAuth bearer token of the Authorization header (already checked
/// by the authentication middleware), or else a WS-Security UsernameToken carrying a client id and
/// secret. Secrets are stored hashed, so only PasswordText tokens can be checked. A verified pair is
/// remembered for a minute, keyed by a hash of the secret, so the slow secret hash is not paid per call.
/// </summary>
public sealed class SoapAuthenticator(ClientService clients)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);
    private const int MaxRemembered = 10_000;
    private static readonly XNamespace Wsse = SoapNames.Wsse;

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTime Until)> _verified = new(StringComparer.Ordinal);

    public async Task<ClaimsPrincipal> AuthenticateAsync(HttpContext ctx, SoapEnvelope envelope, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(ctx.Request.Headers.Authorization))
            return ctx.User.Identity?.IsAuthenticated == true
                ? ctx.User
                : throw Unauthorized("The access token is invalid or expired; request a new one at POST /oauth/token.");
        var security = envelope.Headers.FirstOrDefault(h => h.Name == Wsse + "Security")
            ?? throw Unauthorized("This call needs an Authorization: Bearer token from POST /oauth/token, or a WS-Security UsernameToken with the client id and secret.");
        var token = security.Element(Wsse + "UsernameToken")
            ?? throw Unauthorized("The WS-Security header has no UsernameToken; send the client id as Username and the client secret as Password.");
        var username = token.Element(Wsse + "Username")?.Value.Trim();
        var password = token.Element(Wsse + "Password");
        if (string.IsNullOrEmpty(username) || password is null)
            throw Unauthorized("The UsernameToken needs a Username (the client id) and a Password (the client secret).");
        var type = (string?)password.Attribute("Type");
        if (type is not null && type != PasswordText)
            throw Unauthorized("Only PasswordText UsernameTokens are accepted: client secrets are stored hashed, so a digest cannot be checked. Use PasswordText over HTTPS, or a bearer token.");
        var principal = await VerifyAsync(username, password.Value, ct)
            ?? throw Unauthorized("The client id or secret of the UsernameToken is wrong, or the client was revoked.");
        ctx.User = principal;
        return principal;
    }

    private async Task<ClaimsPrincipal?> VerifyAsync(string clientId, string secret, CancellationToken ct)
    {
        var key = clientId + "\n" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        var now = DateTime.UtcNow;
        if (_verified.TryGetValue(key, out var hit) && hit.Until > now) return hit.Principal;
        var client = await clients.AuthenticateAsync(clientId, secret, ct);
        if (client is null)
        {
            _verified.TryRemove(key, out _);
            return null;
        }
        var principal = ClientPrincipal.Create("WS-Security", client.ClientId,
            client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), client.OwnerId?.ToString());
        if (_verified.Count >= MaxRemembered) _verified.Clear();
        _verified[key] = (principal, now + Remember);
        return principal;
    }

    private static SoapFaultException Unauthorized(string detail) => SoapFaultException.Sender(detail, status: 401);
}
