using Rapport.Data;

namespace Rapport.Cli.Commands;

/// <summary>Where the database is: <c>--db</c>, else <c>RAPPORT_DB</c>, else <c>./rapport.db</c> (contract §1).</summary>
public static class DatabaseOption
{
    public static DatabaseTarget Resolve(CliArgs args)
    {
        var value = args.Value("db") ?? Environment.GetEnvironmentVariable("RAPPORT_DB");
        if (string.IsNullOrWhiteSpace(value)) return DatabaseTarget.Default;
        try
        {
            return DatabaseTarget.Parse(value);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--db: {e.Message}");
        }
    }
}
