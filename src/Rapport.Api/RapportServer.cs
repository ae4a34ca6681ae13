using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Rapport.Api.Auth;
using Rapport.Api.Bulk;
using Rapport.Api.Bus;
using Rapport.Api.Changes;
using Rapport.Api.Endpoints;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Api.Quality;
using Rapport.Api.Records;
using Rapport.Api.Soap;
using Rapport.Api.Usage;
using Rapport.Api.Webhooks;
using Rapport.Data;
using Rapport.Data.Migrations;

namespace Rapport.Api;

/// <summary>Composes the Rapport HTTP server: services, middleware and every route, registered explicitly.</summary>
public static class RapportServer
{
    public static void AddRapport(this IServiceCollection services, DatabaseTarget target)
    {
        services.AddSingleton(_ => new Database(target));
        services.AddSingleton<SchemaRegistry>();
        services.AddSingleton<RecordService>();
        services.AddSingleton<RecordOperations>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<ClientService>();
        services.AddSingleton<CustomFieldService>();
        services.AddSingleton<BatchExecutor>();
        services.AddSingleton<LeadConversion>();
        services.AddSingleton<MergeService>();
        services.AddSingleton<QualitySettings>();
        services.AddSingleton<DuplicateService>();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<SoapService>();
        services.AddSingleton<SoapAuthenticator>();
        services.AddSingleton(sp => RapportSettings.From(sp.GetService<IConfiguration>() ?? new ConfigurationBuilder().AddEnvironmentVariables().Build()));
        services.AddSingleton<ChangeRetention>();
        services.AddSingleton<BusStatus>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<DueDeliveries>();
        services.AddSingleton(_ => new JobFiles(target));
        services.AddSingleton<Exporter>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<JobService>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<UsageFlusher>();
        services.AddSingleton<DatabaseFigures>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAuthentication(BearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerHandler>(BearerHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Scopes.Read, p => p.RequireClaim("scope", Scopes.Read))
            .AddPolicy(Scopes.Write, p => p.RequireClaim("scope", Scopes.Write))
            .AddPolicy(Scopes.Admin, p => p.RequireClaim("scope", Scopes.Admin))
            .AddPolicy(Scopes.Bulk, p => p.RequireClaim("scope", Scopes.Bulk));
    }

    /// <summary>The background work of the HTTP server itself: queued jobs, the duplicate check index built ahead, and API usage added to the database.</summary>
    public static void AddRapportServerWork(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        services.AddHostedService<CheckIndexWarmer>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageFlusher>());
    }

    /// <summary>
    /// The dispatchers that follow the change feed (sequencing on PostgreSQL, retention, webhooks, bus):
    /// run by <c>rapport serve</c> unless told not to (<c>--no-workers</c>) and by <c>rapport worker</c>.
    /// Several processes on one database share the work through leases.
    /// </summary>
    public static void AddRapportWorkers(this IServiceCollection services)
    {
        services.AddHostedService<ChangeSequencer>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeRetention>());
        services.AddHostedService<BusDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.AddHostedService<WebhookFanOut>();
        services.AddHostedService(sp => sp.GetRequiredService<DueDeliveries>());
        services.AddHostedService<WebhookRetention>();
    }

    public static WebApplication Build(WebApplicationBuilder builder, DatabaseTarget target)
    {
        builder.Services.AddRapport(target);
        builder.Services.AddRapportServerWork();
        builder.Services.AddRapportWorkers();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Rapport.Api.Auth", LogLevel.Warning);
        var app = builder.Build();
        // First, so it sees the status the client gets: problems from the handlers below and 401/403 included.
        if (app.Services.GetRequiredService<RapportSettings>().Usage) app.UseMiddleware<UsageMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblem);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthApi();
        app.MapOAuthApi();
        app.MapRecordsApiV1();
        app.MapDocsApi();
        app.MapPostmanApiV1();
        app.MapMetadataApiV1();
        app.MapBatchApiV1();
        app.MapLeadsApiV1();
        app.MapUsersApiV1();
        app.MapPipelineApiV1();
        app.MapCampaignMembersApiV1();
        app.MapJobsApiV1();
        app.MapMergesApiV1();
        app.MapQualitySettingsApiV1();
        app.MapDuplicatesApiV1();
        app.MapChangesApiV1();
        app.MapWebhooksApiV1();
        app.MapSoapApiV1();
        app.MapUsageApiV1();
        app.MapMetricsApi();
        return app;
    }

    /// <summary>Migrates the database and loads keys and metadata; run before serving.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken ct)
    {
        var db = app.Services.GetRequiredService<Database>();
        await Migrator.MigrateAsync(db.Target, ct);
        await app.Services.GetRequiredService<SigningKeys>().LoadAsync(ct);
        await app.Services.GetRequiredService<SchemaRegistry>().ReloadAsync(ct);
    }

    private static Task StatusCodeProblem(StatusCodeContext context)
    {
        var ctx = context.HttpContext;
        var status = ctx.Response.StatusCode;
        var problem = status switch
        {
            404 => new Problem(404, "Not Found", $"There is no route {ctx.Request.Method} {ctx.Request.Path}; see /docs."),
            405 => new Problem(405, "Method Not Allowed", $"{ctx.Request.Method} is not allowed on {ctx.Request.Path}."),
            _ => new Problem(status, "Error", $"The request failed with status {status}."),
        };
        return ResponseWriter.WriteProblemAsync(ctx, problem);
    }
}
