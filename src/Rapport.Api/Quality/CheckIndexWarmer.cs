using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Rapport.Api.Quality;

/// <summary>
/// At server start, builds the duplicate check index of every object a scan has learned a model for, in
/// the background: a check right after a restart then answers in a fraction of a second instead of
/// waiting for a million records to be read. Runs in <c>rapport serve</c> only, not in the CLI commands.
/// </summary>
public sealed class CheckIndexWarmer(DuplicateService duplicates, ILogger<CheckIndexWarmer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var def in await duplicates.ScannedObjectsAsync(stoppingToken)) duplicates.Warm(def);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not list the objects whose duplicate check index to build ahead");
        }
    }
}
