using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Rapport.Data.Model;

namespace Rapport.Api.Auth;

/// <summary>
/// Issues and validates short-lived RS256 JWT access tokens (RFC 9068 claims). Validated tokens are
/// remembered until they expire so the signature is checked once per token, not once per request.
/// </summary>
public sealed class TokenService(SigningKeys keys)
{
    public const string Audience = "rapport-api";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const int MaxCached = 10_000;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTime Expires)> _validated = new(StringComparer.Ordinal);

    public string Issue(ApiClient client, string issuer, IReadOnlyList<string> scopes)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = client.ClientId,
            ["client_id"] = client.ClientId,
            ["scope"] = string.Join(' ', scopes),
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        if (client.OwnerId is { } owner) claims["rapport_user"] = owner.ToString();
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = claims,
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.RsaSha256),
        });
    }

    public async Task<ClaimsPrincipal?> ValidateAsync(string token)
    {
        var now = DateTime.UtcNow;
        if (_validated.TryGetValue(token, out var hit))
        {
            if (hit.Expires > now) return hit.Principal;
            _validated.TryRemove(token, out _);
            return null;
        }
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidAudience = Audience,
            IssuerSigningKey = keys.Current,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            ValidTypes = ["at+jwt"],
        });
        if (!result.IsValid) return null;
        var jwt = (JsonWebToken)result.SecurityToken;
        var principal = ClientPrincipal.Create("Bearer", jwt.GetClaim("client_id").Value,
            jwt.GetClaim("scope").Value.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            jwt.TryGetClaim("rapport_user", out var user) ? user.Value : null);
        if (_validated.Count >= MaxCached) _validated.Clear();
        _validated[token] = (principal, jwt.ValidTo);
        return principal;
    }

    public static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}
