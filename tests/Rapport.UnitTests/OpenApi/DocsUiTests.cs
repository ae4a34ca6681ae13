using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapport.Api.Endpoints;

namespace Rapport.UnitTests.OpenApi;

/// <summary>The browsable docs, served by the real Swagger UI middleware on a loopback port.</summary>
public sealed class DocsUiTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        _app = builder.Build();
        _app.MapDocsApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/docs")]
    [InlineData("/docs/")]
    [InlineData("/docs/index.html")]
    public async Task Docs_Requested_ServesThePageWithoutRedirect(string path)
    {
        using var response = await _client!.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Rapport API</title>", html, StringComparison.Ordinal);
        Assert.Contains("<base href=\"/docs/\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocsScript_Requested_PointsAtTheOpenApiDocument()
    {
        var script = await _client!.GetStringAsync("/docs/index.js");

        Assert.Contains("\"url\":\"/openapi/v1.json\"", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/docs/swagger-ui.css")]
    [InlineData("/docs/swagger-ui-bundle.js")]
    public async Task DocsAssets_Requested_AreServedFromThePackage(string path)
    {
        using var response = await _client!.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
