using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Api.Errors;
using Rapport.Api.Http;

namespace Rapport.Api.Auth;

/// <summary>Accepts <c>Authorization: Bearer</c> access tokens issued by this server; answers 401/403 as problem details.</summary>
public sealed class BearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Use an Authorization: Bearer token.");
        var principal = await tokens.ValidateAsync(header[7..].Trim());
        return principal is null
            ? AuthenticateResult.Fail("The access token is invalid or expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var hasToken = !string.IsNullOrEmpty(Request.Headers.Authorization);
        Response.Headers.WWWAuthenticate = hasToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        var detail = hasToken
            ? "The access token is invalid or expired; request a new one at POST /oauth/token."
            : "This call needs an Authorization: Bearer token from POST /oauth/token.";
        return ResponseWriter.WriteProblemAsync(Context, new Problem(401, "Unauthorized", detail));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()?.Policy;
        Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{needed}\"";
        return ResponseWriter.WriteProblemAsync(Context, new Problem(403, "Forbidden", $"This call needs the scope '{needed}', which the token does not have."));
    }
}
