using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Cli;

/// <summary>The real <c>rapport</c> program (contract §1), run as a process: output, exit codes and errors on stderr.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"rapport-cli-test-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task ClientsCreate_Json_PrintsOneObjectWithIdAndSecretThatGetAToken()
    {
        var result = await RunAsync("clients", "create", "--name", "ERP sync", "--scopes", "crm.read crm.write", "--json", "--db", "sqlite:" + _db);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StdOut.Trim();
        Assert.DoesNotContain('\n', output);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["client_id", "client_secret"], json.Select(p => p.Key).Order(StringComparer.Ordinal));
        var credentials = new RapportApp.Credentials(json["client_id"].Str()!, json["client_secret"].Str()!);
        Assert.False(string.IsNullOrWhiteSpace(credentials.ClientId));
        Assert.False(string.IsNullOrWhiteSpace(credentials.ClientSecret));

        await using var app = await RapportApp.StartSqliteAsync(_db);
        var token = await app.TokenAsync(credentials);
        Assert.False(string.IsNullOrEmpty(token));
    }

    [Fact]
    public async Task Migrate_NewSqliteFile_ExitsZeroAndCreatesTheDatabase()
    {
        var result = await RunAsync("migrate", "--db", "sqlite:" + _db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(_db), "the database file exists");
        var again = await RunAsync("migrate", "--db", "sqlite:" + _db);
        Assert.True(again.ExitCode == 0, "migrating twice is fine: " + again);
    }

    [Fact]
    public async Task UnknownCommand_Exits2WithOneLineOnStderr()
    {
        var result = await RunAsync("frobnicate", "--db", "sqlite:" + _db);

        Assert.True(result.ExitCode == 2, result.ToString());
        AssertOneErrorLine(result, "frobnicate");
    }

    [Fact]
    public async Task Migrate_BogusDatabase_Exits2WithOneLineOnStderr()
    {
        var result = await RunAsync("migrate", "--db", "bogus:");

        Assert.True(result.ExitCode == 2, result.ToString());
        AssertOneErrorLine(result, "bogus");
    }

    [Fact]
    public async Task ClientsCreate_UnknownScope_Exits2WithOneLineOnStderr()
    {
        var result = await RunAsync("clients", "create", "--name", "x", "--scopes", "crm.read crm.everything", "--json", "--db", "sqlite:" + _db);

        Assert.True(result.ExitCode == 2, result.ToString());
        AssertOneErrorLine(result, "crm.everything");
        Assert.Equal("", result.StdOut.Trim());
    }

    public void Dispose()
    {
        foreach (var file in new[] { _db, _db + "-wal", _db + "-shm", _db + "-journal" })
        {
            try { File.Delete(file); }
            catch (IOException) { }
        }
    }

    private static void AssertOneErrorLine(CliResult result, string mentions)
    {
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr: {result}");
        Assert.Contains(mentions, lines[0], StringComparison.Ordinal);
        ProblemAssert.NoStackTrace(result.StdErr);
    }

    private static Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(TimeSpan.FromSeconds(60), args);
}
