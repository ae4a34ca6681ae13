using System.Security.Claims;

namespace Rapport.Api.Auth;

/// <summary>
/// The identity of an authenticated API client, the same whichever way it proved itself (a bearer token,
/// a WS-Security UsernameToken): its client id, its scopes and, when the client belongs to one, its user.
/// </summary>
public static class ClientPrincipal
{
    public static ClaimsPrincipal Create(string authenticationType, string clientId, IEnumerable<string> scopes, string? userId)
    {
        var identity = new ClaimsIdentity(authenticationType, "client_id", "scope");
        identity.AddClaim(new Claim("client_id", clientId));
        foreach (var scope in scopes) identity.AddClaim(new Claim("scope", scope));
        if (userId is not null) identity.AddClaim(new Claim("rapport_user", userId));
        return new ClaimsPrincipal(identity);
    }
}
