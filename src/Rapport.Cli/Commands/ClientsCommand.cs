using System.Text.Json;
using Rapport.Api.Auth;
using Rapport.Api.Infrastructure;
using Rapport.Data.Migrations;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport clients create --name NAME --scopes "SCOPE ..." [--json] [--db ...]</c>.</summary>
public static class ClientsCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] != "create") throw new UsageException("Usage: rapport clients create --name NAME --scopes \"SCOPE ...\" [--json] [--db ...]");
        var parsed = CliArgs.Parse(args[1..], new HashSet<string> { "name", "scopes", "db", "owner" }, new HashSet<string> { "json" });
        if (parsed.Positionals.Count > 0) throw new UsageException($"Unexpected argument '{parsed.Positionals[0]}'.");
        var name = parsed.Value("name") ?? throw new UsageException("--name is required.");
        var scopes = (parsed.Value("scopes") ?? throw new UsageException("--scopes is required, e.g. --scopes \"crm.read crm.write\"."))
            .Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        Guid? owner = null;
        if (parsed.Value("owner") is { } ownerText)
            owner = Guid.TryParse(ownerText, out var o) ? o : throw new UsageException("--owner must be a user id (UUID).");
        var target = DatabaseOption.Resolve(parsed);
        await Migrator.MigrateAsync(target, ct);
        ClientService.Created created;
        try
        {
            using var database = new Database(target);
            created = await new ClientService(database).CreateAsync(name, scopes, owner, ct);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        if (parsed.Has("json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string> { ["client_id"] = created.ClientId, ["client_secret"] = created.ClientSecret }));
        }
        else
        {
            Console.WriteLine($"client_id:     {created.ClientId}");
            Console.WriteLine($"client_secret: {created.ClientSecret}");
            Console.WriteLine($"scopes:        {string.Join(' ', created.Scopes)}");
            Console.WriteLine("The secret is shown only now; store it safely.");
        }
        return 0;
    }
}
