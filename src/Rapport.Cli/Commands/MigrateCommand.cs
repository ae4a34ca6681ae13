using Rapport.Data.Migrations;

namespace Rapport.Cli.Commands;

public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string> { "db" }, new HashSet<string>());
        if (parsed.Positionals.Count > 0) throw new UsageException($"Unexpected argument '{parsed.Positionals[0]}'.");
        var target = DatabaseOption.Resolve(parsed);
        await Migrator.MigrateAsync(target, ct);
        Console.WriteLine($"Database is up to date ({target.Provider.ToString().ToLowerInvariant()}).");
        return 0;
    }
}
