using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapport.Api.Usage;

namespace Rapport.IntegrationTests.Usage;

/// <summary>
/// <see cref="UsageOperation.Set"/>: an endpoint whose operation is in its body (SOAP) names it and the client it
/// authenticated itself; the usage middleware records that instead of the route and the token's client.
/// </summary>
public class UsageOperationTests
{
    private static async Task<(WebApplication App, UsageRecorder Recorder)> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<UsageRecorder>();
        builder.Services.AddRouting();
        var app = builder.Build();
        app.UseMiddleware<UsageMiddleware>();
        app.MapPost("/soap/v1", (HttpContext ctx) =>
        {
            UsageOperation.Set(ctx, "SOAP Retrieve contacts", "rpc_soap_client");
            return Results.StatusCode(500);
        });
        app.MapGet("/plain", () => Results.Ok());
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<UsageRecorder>());
    }

    [Fact]
    public async Task Set_InTheHandler_RecordsTheNamedOperationClientAndSoapProtocol()
    {
        var (app, recorder) = await StartAsync();
        await using var _ = app;
        using var http = app.GetTestClient();

        using (await http.PostAsync("/soap/v1", new StringContent("<Envelope/>"))) { }
        using (await http.GetAsync("/plain")) { }

        var soap = Assert.Single(recorder.Series(), s => s.Key.Operation == "SOAP Retrieve contacts");
        Assert.Equal(new SeriesKey("SOAP Retrieve contacts", "POST", "rpc_soap_client", 500), soap.Key);
        Assert.Equal("soap", soap.Key.Protocol);
        Assert.Equal(1, soap.Read().Calls);
        var plain = Assert.Single(recorder.Series(), s => s.Key.Operation == "GET /plain");
        Assert.Equal(("anonymous", 200, "rest"), (plain.Key.Client, plain.Key.Status, plain.Key.Protocol));
    }
}
