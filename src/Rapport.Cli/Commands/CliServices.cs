using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapport.Api;
using Rapport.Api.Metadata;
using Rapport.Data;
using Rapport.Data.Migrations;

namespace Rapport.Cli.Commands;

/// <summary>The server's services without the HTTP server, for commands that work on the database directly (import, export).</summary>
public static class CliServices
{
    public static async Task<ServiceProvider> StartAsync(DatabaseTarget target, CancellationToken ct)
    {
        // A bulk command reads or writes each page about once: no memory-mapped reads (see MmapBytes); a
        // checkpoint every 64 MiB of log rather than every 4 MiB syncs the file less often (the same durability).
        Rapport.Data.Sql.SqliteConnectionPool.MmapBytes = 0;
        Rapport.Data.Sql.SqliteConnectionPool.WalAutoCheckpointPages = 16 * 1024;
        await Migrator.MigrateAsync(target, ct);
        var services = new ServiceCollection();
        // Logs go to stderr: stdout carries the command's result (the summary table, an export).
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddRapport(target);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<SchemaRegistry>().ReloadAsync(ct);
        return provider;
    }
}
