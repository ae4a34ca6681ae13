using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Rapport.Api.Auth;
using Rapport.Api.Usage;

namespace Rapport.Api.Endpoints;

/// <summary>OAuth 2.0 client credentials (RFC 6749 §4.4), server metadata (RFC 8414) and the public keys (JWKS).</summary>
public static class OAuthApi
{
    private const string TokenPath = "/oauth/token";
    private const string TokenOperation = "POST " + TokenPath;

    public static IEndpointRouteBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, IssueToken).WithTags("OAuth").AllowAnonymous().DisableAntiforgery();
        app.MapGet("/.well-known/oauth-authorization-server", ServerMetadata).WithTags("OAuth").AllowAnonymous();
        app.MapGet("/.well-known/jwks.json", Jwks).WithTags("OAuth").AllowAnonymous();
        return app;
    }

    public static async Task<IResult> IssueToken(HttpContext ctx, ClientService clients, TokenService tokens)
    {
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers.Pragma = "no-cache";
        if (!ctx.Request.HasFormContentType)
            return Error(400, "invalid_request", "Send application/x-www-form-urlencoded with grant_type=client_credentials.");
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var grant = form["grant_type"].ToString();
        if (string.IsNullOrEmpty(grant)) return Error(400, "invalid_request", "grant_type is required.");
        if (grant != "client_credentials") return Error(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");

        var (clientId, secret, usedBasic) = Credentials(ctx.Request, form);
        if (clientId is null || secret is null) return Error(401, "invalid_client", "Client authentication failed.", usedBasic);
        var client = await clients.AuthenticateAsync(clientId, secret, ctx.RequestAborted);
        if (client is null) return Error(401, "invalid_client", "Client authentication failed.", usedBasic);
        // The request carries no token, so name the client it authenticated for the usage metrics.
        UsageOperation.Set(ctx, TokenOperation, client.ClientId);

        var granted = client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var unknown = requested.FirstOrDefault(s => !granted.Contains(s));
        if (unknown is not null) return Error(400, "invalid_scope", $"The scope '{unknown}' is not granted to this client.");
        var scopes = requested.Length > 0 ? requested.Distinct().ToArray() : granted;
        var token = tokens.Issue(client, Issuer(ctx.Request), scopes);
        return Results.Json(new JsonObject
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)TokenService.Lifetime.TotalSeconds,
            ["scope"] = string.Join(' ', scopes),
        }, statusCode: 200);
    }

    public static IResult ServerMetadata(HttpContext ctx)
    {
        var issuer = Issuer(ctx.Request);
        return Results.Json(new JsonObject
        {
            ["issuer"] = issuer,
            ["token_endpoint"] = issuer + "/oauth/token",
            ["jwks_uri"] = issuer + "/.well-known/jwks.json",
            ["grant_types_supported"] = new JsonArray("client_credentials"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
            ["scopes_supported"] = new JsonArray(Scopes.All.Select(s => (JsonNode?)s).ToArray()),
            ["response_types_supported"] = new JsonArray("token"),
            ["token_endpoint_auth_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["service_documentation"] = issuer + "/docs",
        });
    }

    public static IResult Jwks(SigningKeys keys)
    {
        var parameters = keys.Current.Rsa.ExportParameters(false);
        return Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = keys.Current.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            }),
        });
    }

    /// <summary>The issuer: <c>RAPPORT_ISSUER</c> when set (behind a proxy), else this request's own origin.</summary>
    public static string Issuer(HttpRequest request) =>
        Environment.GetEnvironmentVariable("RAPPORT_ISSUER")?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";

    private static (string? Id, string? Secret, bool Basic) Credentials(HttpRequest request, IFormCollection form)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':');
                if (colon < 0) return (null, null, true);
                return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]), true);
            }
            catch (FormatException)
            {
                return (null, null, true);
            }
        }
        var id = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        return (id.Length > 0 ? id : null, secret.Length > 0 ? secret : null, false);
    }

    private static IResult Error(int status, string error, string description, bool basic = false) =>
        new OAuthErrorResult(status, error, description, basic);

    private sealed class OAuthErrorResult(int status, string error, string description, bool basic) : IResult
    {
        public Task ExecuteAsync(HttpContext ctx)
        {
            if (status == 401) ctx.Response.Headers.WWWAuthenticate = basic ? "Basic realm=\"rapport\"" : "Basic realm=\"rapport\"";
            return Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: status).ExecuteAsync(ctx);
        }
    }
}
