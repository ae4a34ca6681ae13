using System.Net;
using Rapport.Api.Auth;
using Rapport.Api.Postman;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Postman;

/// <summary><c>GET /api/v1/postman-collection</c> (issue 6): any valid token, the caller's server or the one asked for.</summary>
public sealed class PostmanCollectionApiTests : IAsyncLifetime
{
    private RapportApp _app = null!;

    public async Task InitializeAsync() => _app = await RapportApp.StartSqliteAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GetPostmanCollection_BaseUrlGiven_CollectionCallsThatServer()
    {
        using var http = await _app.ClientAsync(Scopes.Bulk);

        using var response = await http.GetAsync("/api/v1/postman-collection?baseUrl=https://crm.example.com/");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var collection = await response.JsonObjectAsync();
        Assert.Equal(PostmanCollectionBuilder.SchemaUrl, collection["info"]!["schema"]!.GetValue<string>());
        var baseUrl = collection["variable"]!.AsArray().Single(v => v!["key"]!.GetValue<string>() == "baseUrl")!;
        Assert.Equal("https://crm.example.com", baseUrl["value"]!.GetValue<string>());
        Assert.Equal(PostmanCollectionBuilder.AuthenticationFolder, collection["item"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetPostmanCollection_NoBaseUrl_UsesTheRequestsOwnOrigin()
    {
        using var http = await _app.ClientAsync();

        using var response = await http.GetAsync("/api/v1/postman-collection");

        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var collection = await response.JsonObjectAsync();
        var baseUrl = collection["variable"]!.AsArray().Single(v => v!["key"]!.GetValue<string>() == "baseUrl")!["value"]!.GetValue<string>();
        Assert.Equal(http.BaseAddress!.GetLeftPart(UriPartial.Authority), baseUrl);
    }

    [Fact]
    public async Task GetPostmanCollection_NoToken_Is401()
    {
        using var response = await _app.Anonymous.GetAsync("/api/v1/postman-collection");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetPostmanCollection_RelativeBaseUrl_Is400NamingIt()
    {
        using var http = await _app.ClientAsync();

        using var response = await http.GetAsync("/api/v1/postman-collection?baseUrl=crm.example.com");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "baseUrl");
    }

    [Fact]
    public async Task GetPostmanCollection_AcceptXmlOnly_Is406()
    {
        using var http = await _app.ClientAsync();

        using var response = await http.GetAsync("/api/v1/postman-collection", "application/xml");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task GetOpenApiDocument_DescribesThePostmanCollection()
    {
        using var response = await _app.Anonymous.GetAsync("/openapi/v1.json");

        var document = await response.JsonObjectAsync();
        var operation = document["paths"]!["/api/v1/postman-collection"]!["get"]!;
        Assert.Equal("getPostmanCollection", operation["operationId"]!.GetValue<string>());
        Assert.Equal("baseUrl", operation["parameters"]![0]!["name"]!.GetValue<string>());
        Assert.NotNull(operation["responses"]!["401"]);
    }
}
