using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Api;

/// <summary>OAuth 2.0 client credentials and bearer tokens (contract §2), plus the anonymous health probes.</summary>
public abstract class AuthTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync(bool generateSigningKey = false);

    [Fact]
    public async Task Api_NoToken_Returns401WithBearerChallengeAndProblem()
    {
        await using var app = await StartAsync();
        if (app is null) return;

        using var response = await app.Anonymous.GetAsync($"{V1}/contacts");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Api_GarbageToken_Returns401()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = app.NewHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJldmUifQ.forged");

        using var response = await client.GetAsync($"{V1}/contacts");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Api_ReadOnlyToken_CanListButCreateReturns403()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var reader = await app.ClientAsync("crm.read");

        using var list = await reader.GetAsync($"{V1}/contacts");
        using var create = await reader.PostJsonAsync($"{V1}/contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");

        await list.ExpectStatusAsync(HttpStatusCode.OK);
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Forbidden);
        var writer = await app.ClientAsync("crm.read", "crm.write");
        Assert.Equal(0, await writer.CountAsync("contacts"));
    }

    [Fact]
    public async Task Token_ClientCredentialsPost_ReturnsBearerTokenThatWorks()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var credentials = await app.CreateClientAsync("crm.read", "crm.write");

        using var response = await app.Anonymous.PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", credentials.ClientId), ("client_secret", credentials.ClientSecret)));

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var token = await response.JsonObjectAsync();
        Assert.Equal("Bearer", token["token_type"].Str());
        Assert.True(token["expires_in"]!.GetValue<int>() > 0, "expires_in is positive");
        Assert.Equal(["crm.read", "crm.write"], token["scope"].Str()!.Split(' ').Order(StringComparer.Ordinal));
        await AssertTokenWorksAsync(app, token["access_token"].Str()!);
    }

    [Fact]
    public async Task Token_ClientSecretBasic_ReturnsTokenThatWorks()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var credentials = await app.CreateClientAsync("crm.read");
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = Form(("grant_type", "client_credentials")) };
        var basic = Uri.EscapeDataString(credentials.ClientId) + ":" + Uri.EscapeDataString(credentials.ClientSecret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));

        using var response = await app.Anonymous.SendAsync(request);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var token = await response.JsonObjectAsync();
        Assert.Equal("Bearer", token["token_type"].Str());
        await AssertTokenWorksAsync(app, token["access_token"].Str()!);
    }

    [Fact]
    public async Task Token_WrongSecret_Returns401InvalidClient()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var credentials = await app.CreateClientAsync("crm.read");

        using var response = await app.Anonymous.PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", credentials.ClientId), ("client_secret", credentials.ClientSecret + "x")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid_client", (await response.JsonAsync())["error"].Str());
    }

    [Fact]
    public async Task Token_UnknownClient_Returns401InvalidClient()
    {
        await using var app = await StartAsync();
        if (app is null) return;

        using var response = await app.Anonymous.PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", "rpc_000000000000000000000000"), ("client_secret", "rps_guess")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.JsonAsync())["error"].Str());
    }

    [Fact]
    public async Task Token_UnsupportedGrant_Returns400UnsupportedGrantType()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var credentials = await app.CreateClientAsync("crm.read");

        using var response = await app.Anonymous.PostAsync("/oauth/token", Form(
            ("grant_type", "password"), ("username", "admin"), ("password", "admin"),
            ("client_id", credentials.ClientId), ("client_secret", credentials.ClientSecret)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await response.JsonAsync())["error"].Str());
    }

    [Fact]
    public async Task Token_ScopeNotGranted_Returns400InvalidScope()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var credentials = await app.CreateClientAsync("crm.read");

        using var response = await app.Anonymous.PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", credentials.ClientId), ("client_secret", credentials.ClientSecret),
            ("scope", "crm.read crm.write")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", (await response.JsonAsync())["error"].Str());
    }

    [Fact]
    public async Task Token_NarrowerScopeRequested_TokenCarriesOnlyThatScope()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var credentials = await app.CreateClientAsync("crm.read", "crm.write");

        var token = await app.TokenAsync(credentials, scope: "crm.read");

        var client = app.NewHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var list = await client.GetAsync($"{V1}/contacts");
        using var create = await client.PostJsonAsync($"{V1}/contacts", """{ "lastName": "Lovelace" }""");
        await list.ExpectStatusAsync(HttpStatusCode.OK);
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Token_ServerThatGeneratedItsOwnKey_IssuesTokensItAccepts()
    {
        await using var app = await StartAsync(generateSigningKey: true);
        if (app is null) return;

        var client = await app.ClientAsync("crm.read", "crm.write");

        var created = await client.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        Assert.Equal("Lovelace", (await client.ReadAsync("contacts", created.Id()))["lastName"].Str());
    }

    [Fact]
    public async Task WellKnown_AuthorizationServerMetadata_NamesIssuerAndTokenEndpoint()
    {
        await using var app = await StartAsync();
        if (app is null) return;

        using var response = await app.Anonymous.GetAsync("/.well-known/oauth-authorization-server");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var metadata = await response.JsonObjectAsync();
        var issuer = metadata["issuer"].Str();
        Assert.False(string.IsNullOrEmpty(issuer));
        Assert.True(Uri.IsWellFormedUriString(issuer, UriKind.Absolute), $"issuer '{issuer}' is an absolute URL");
        Assert.EndsWith("/oauth/token", metadata["token_endpoint"].Str(), StringComparison.Ordinal);
        Assert.Contains("client_credentials", metadata["grant_types_supported"]!.AsArray().Select(n => n.Str()));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithoutToken_Returns200(string path)
    {
        await using var app = await StartAsync();
        if (app is null) return;

        using var response = await app.Anonymous.GetAsync(path);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task AssertTokenWorksAsync(RapportApp app, string token)
    {
        var client = app.NewHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync($"{V1}/contacts");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
    }
}

public sealed class AuthTests_Sqlite : AuthTests
{
    protected override async Task<RapportApp?> StartAsync(bool generateSigningKey = false) => await RapportApp.StartSqliteAsync(generateSigningKey);
}

[Collection(PostgresCollection.Name)]
public sealed class AuthTests_Postgres(PostgresFixture pg) : AuthTests
{
    protected override Task<RapportApp?> StartAsync(bool generateSigningKey = false) => RapportApp.StartPostgresAsync(pg, generateSigningKey);
}
