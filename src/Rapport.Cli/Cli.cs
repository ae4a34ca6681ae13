using Rapport.Cli.Commands;

namespace Rapport.Cli;

/// <summary>The <c>rapport</c> command line (contract §1). Exit codes: 0 ok, 1 failure, 2 bad usage.</summary>
public static class Cli
{
    private const string Usage = """
        Usage: rapport <command> [options]

          serve [--urls URL] [--db CONNECTION] [--demo] [--no-workers]
                                                          run the server (default ./rapport.db, http://localhost:5000);
                                                          --no-workers leaves webhooks and bus publishing to 'rapport worker'
          worker [--db CONNECTION]                        run the change-feed dispatchers (webhooks, bus) without the HTTP API
          migrate [--db CONNECTION]                       apply schema migrations and exit
          clients create --name NAME --scopes "SCOPES" [--json] [--db CONNECTION]
                                                          register an API client (scopes: crm.read crm.write crm.admin crm.bulk)
          import OBJECT FILE [--format F] [--mapping FILE] [--match-on KEY] [--on-duplicate skip|update|merge] [--dry-run]
                                                          import a file (csv json jsonl xml xlsx vcard ical) as a resumable job
          import --resume JOB                             continue an interrupted import after its last committed batch
          export OBJECT [--format F] [--out FILE] [field=value ...]
                                                          export the records matching the list filters
          dedupe OBJECT [--threshold T] [--report FILE]   find duplicate clusters; JSON report to FILE or stdout
          openapi [--out FILE] [--postman FILE] [--base-url URL]
                                                          the OpenAPI document of the current schema (custom fields included)
                                                          to FILE or stdout, and/or a Postman collection of it to FILE

        CONNECTION is sqlite:PATH or postgres:<Npgsql connection string>; RAPPORT_DB does the same.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        using var cts = new CancellationTokenSource();
        try
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                Console.WriteLine(Usage);
                return args.Length == 0 ? 2 : 0;
            }
            return args[0] switch
            {
                "serve" => await ServeCommand.RunAsync(args[1..], cts.Token),
                "worker" => await WorkerCommand.RunAsync(args[1..], cts.Token),
                "migrate" => await MigrateCommand.RunAsync(args[1..], cts.Token),
                "clients" => await ClientsCommand.RunAsync(args[1..], cts.Token),
                "import" => await ImportCommand.RunAsync(args[1..], cts.Token),
                "export" => await ExportCommand.RunAsync(args[1..], cts.Token),
                "dedupe" => await DedupeCommand.RunAsync(args[1..], cts.Token),
                "openapi" => await OpenApiCommand.RunAsync(args[1..], cts.Token),
                _ => throw new UsageException($"Unknown command '{args[0]}'. Run 'rapport --help'."),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"rapport: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"rapport: {Describe(e)}");
            return 1;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        System.Net.Sockets.SocketException or IOException when e.Message.Contains("address", StringComparison.OrdinalIgnoreCase) => $"cannot listen: {e.Message}",
        Npgsql.NpgsqlException n => $"PostgreSQL: {n.Message}",
        Microsoft.Data.Sqlite.SqliteException s => $"SQLite: {s.Message}",
        _ => e.Message.Split('\n')[0],
    };
}
