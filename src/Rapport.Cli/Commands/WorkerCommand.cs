using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Api;
using Rapport.Api.Metadata;
using Rapport.Data.Migrations;

namespace Rapport.Cli.Commands;

/// <summary>
/// <c>rapport worker [--db CONNECTION]</c>: runs the dispatchers that follow the change feed (webhooks,
/// bus publishing, sequencing, retention) without the HTTP API, to scale them out next to servers
/// started with <c>--no-workers</c> (or with workers of their own: leases share the work).
/// </summary>
public static class WorkerCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string> { "db" }, new HashSet<string>());
        if (parsed.Positionals.Count > 0) throw new UsageException($"Unexpected argument '{parsed.Positionals[0]}'.");
        var target = DatabaseOption.Resolve(parsed);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration["RAPPORT_WORKERS"] = "true";
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddRapport(target);
        builder.Services.AddRapportWorkers();
        using var host = builder.Build();
        await Migrator.MigrateAsync(target, ct);
        await host.Services.GetRequiredService<SchemaRegistry>().ReloadAsync(ct);
        Console.WriteLine($"Rapport worker is following the change feed on {target.Provider.ToString().ToLowerInvariant()}. Ctrl+C stops it.");
        await host.RunAsync(ct);
        return 0;
    }
}
