using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>The token endpoint (RFC 6749 §4.4), server metadata (RFC 8414) and the signing keys. Their errors are RFC 6749 §5.2, not problems.</summary>
internal static class OAuthSection
{
    public static void AddSchemas(ComponentSchemas components)
    {
        components.Add("TokenRequest", Object(new JsonObject
        {
            ["grant_type"] = Enum(["client_credentials"]),
            ["client_id"] = String("The client's id; or send id and secret as HTTP Basic credentials (client_secret_basic)."),
            ["client_secret"] = String("The client's secret."),
            ["scope"] = String($"Space-separated scopes to narrow the token to ({string.Join(", ", Scopes.All)}); all the client's scopes when omitted."),
        }, ["grant_type"]));
        components.Add("TokenResponse", Object(new JsonObject
        {
            ["access_token"] = String("A signed JWT; send it as `Authorization: Bearer <token>`."),
            ["token_type"] = Enum(["Bearer"]),
            ["expires_in"] = Integer("Seconds until the token expires."),
            ["scope"] = String("The scopes granted, space-separated."),
        }, ["access_token", "token_type", "expires_in", "scope"]));
        components.Add("OAuthError", Object(new JsonObject
        {
            ["error"] = Enum(["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"]),
            ["error_description"] = String(),
        }, ["error"], "An RFC 6749 §5.2 error."));
        components.Add("AuthorizationServerMetadata", Object(new JsonObject
        {
            ["issuer"] = String(format: "uri"),
            ["token_endpoint"] = String(format: "uri"),
            ["jwks_uri"] = String(format: "uri"),
            ["grant_types_supported"] = ArrayOf(String()),
            ["token_endpoint_auth_methods_supported"] = ArrayOf(String()),
            ["scopes_supported"] = ArrayOf(String()),
            ["response_types_supported"] = ArrayOf(String()),
            ["token_endpoint_auth_signing_alg_values_supported"] = ArrayOf(String()),
            ["service_documentation"] = String(format: "uri"),
        }, ["issuer", "token_endpoint"], "RFC 8414 authorization server metadata."));
        components.Add("JsonWebKeySet", Object(new JsonObject
        {
            ["keys"] = ArrayOf(Object(new JsonObject
            {
                ["kty"] = String(), ["use"] = String(), ["alg"] = String(), ["kid"] = String(), ["n"] = String(), ["e"] = String(),
            })),
        }, ["keys"], "The public keys that verify access tokens (RFC 7517)."));
    }

    public static void AddPaths(JsonObject paths)
    {
        var oauthError = Content(SchemaRef("OAuthError"), MediaTypes.Json);
        new OperationBuilder("issueToken", Tags.OAuth, "Get an access token")
            .Describe("Client credentials grant. Authenticate with `client_id` and `client_secret` in the form, or with HTTP Basic.")
            .Anonymous()
            .Body(Content(SchemaRef("TokenRequest"), MediaTypes.Form), "The grant.")
            .Response(200, "A token.", Content(SchemaRef("TokenResponse"), MediaTypes.Json))
            .Response(400, "Malformed request, unsupported grant type or a scope the client does not have.", oauthError)
            .Response(401, "Unknown client or wrong secret.", oauthError, SharedHeaders.Of(SharedHeaders.WwwAuthenticate))
            .AddTo(paths, SecurityScheme.TokenUrl, "post");

        new OperationBuilder("getAuthorizationServerMetadata", Tags.OAuth, "Describe the authorization server")
            .Anonymous()
            .Response(200, "RFC 8414 metadata.", Content(SchemaRef("AuthorizationServerMetadata"), MediaTypes.Json))
            .AddTo(paths, "/.well-known/oauth-authorization-server", "get");

        new OperationBuilder("getJsonWebKeySet", Tags.OAuth, "Get the token signing keys")
            .Anonymous()
            .Response(200, "The public keys.", Content(SchemaRef("JsonWebKeySet"), MediaTypes.Json))
            .AddTo(paths, "/.well-known/jwks.json", "get");
    }
}
