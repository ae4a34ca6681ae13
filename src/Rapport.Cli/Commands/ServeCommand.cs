using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Rapport.Api;

namespace Rapport.Cli.Commands;

/// <summary>
/// <c>rapport serve [--urls URL] [--db CONNECTION] [--demo] [--no-workers]</c>: migrate, then serve; the
/// change-feed dispatchers run in the same process unless <c>--no-workers</c> (then <c>rapport worker</c> runs them).
/// </summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://localhost:5000";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string> { "urls", "db" }, new HashSet<string> { "demo", "no-workers" });
        if (parsed.Positionals.Count > 0) throw new UsageException($"Unexpected argument '{parsed.Positionals[0]}'.");
        var target = DatabaseOption.Resolve(parsed);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        var urls = parsed.Value("urls") ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? DefaultUrls;
        builder.WebHost.UseUrls(urls);
        if (parsed.Has("no-workers")) builder.Configuration["RAPPORT_WORKERS"] = "false";
        var app = RapportServer.Build(builder, target);
        await RapportServer.InitializeAsync(app, ct);
        if (parsed.Has("demo")) await DemoCommand.SeedAsync(app.Services, ct);
        Console.WriteLine($"Rapport is serving {urls} on {target.Provider.ToString().ToLowerInvariant()} (API docs at /docs). Ctrl+C stops it.");
        await app.RunAsync(ct);
        return 0;
    }
}
