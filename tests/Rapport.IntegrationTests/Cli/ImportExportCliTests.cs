using System.Text;
using Microsoft.Data.Sqlite;

namespace Rapport.IntegrationTests.Cli;

/// <summary>
/// <c>rapport import</c> and <c>rapport export</c> run as real processes (contract §5): summary, exit codes,
/// the error file, and an import killed with SIGKILL that resumes without losing or repeating a row.
/// </summary>
public sealed class ImportExportCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-cli-import-").FullName;

    private string Db => "sqlite:" + Path.Combine(_dir, "crm.db");

    [Fact]
    public async Task Import_CsvWithABadRow_PrintsSummaryWritesErrorFileAndExitsOne()
    {
        var file = Path.Combine(_dir, "contacts.csv");
        await File.WriteAllTextAsync(file, "First Name,Last Name,Email\r\nAda,Lovelace,ada@example.com\r\nBad,Row,not-an-email\r\nAlan,Turing,alan@example.com\r\n");

        var result = await RunAsync("import", "contacts", file, "--db", Db);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"created\s+2", result.StdOut);
        Assert.Matches(@"failed\s+1", result.StdOut);
        var errors = await File.ReadAllTextAsync(file + ".errors.csv");
        Assert.StartsWith("First Name,Last Name,Email,_line,_errors\r\nBad,Row,not-an-email,3,", errors, StringComparison.Ordinal);
        Assert.Contains("rejected", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync("contacts"));
    }

    [Fact]
    public async Task Import_RedirectedOutput_ShowsPlainProgressLinesNotABar()
    {
        var file = Path.Combine(_dir, "contacts.csv");
        await File.WriteAllTextAsync(file, "lastName\r\nLovelace\r\n");

        var result = await RunAsync("import", "contacts", file, "--db", Db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\r', result.StdErr);
        Assert.Matches(@"contacts: 100\.0%\s+1 rows", result.StdErr);
    }

    [Fact]
    public async Task Import_BadUsage_ExitsTwoWithOneLine()
    {
        var missing = await RunAsync("import", "contacts", Path.Combine(_dir, "nope.csv"), "--db", Db);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file", missing.StdErr, StringComparison.Ordinal);

        var file = Path.Combine(_dir, "c.csv");
        await File.WriteAllTextAsync(file, "lastName\r\nX\r\n");
        var badKey = await RunAsync("import", "contacts", file, "--match-on", "shoeSize", "--db", Db);
        Assert.Equal(2, badKey.ExitCode);
        Assert.Contains("--match-on", badKey.StdErr, StringComparison.Ordinal);
        Assert.Single(badKey.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Import_ManyBatches_WrittenInFileOrderWithEveryBadLineReported()
    {
        const int rows = 2_000;
        var file = Path.Combine(_dir, "many.csv");
        var text = new StringBuilder("lastName,email\r\n");
        var bad = new List<int>();
        for (var i = 0; i < rows; i++)
        {
            var invalid = i % 97 == 13;
            if (invalid) bad.Add(i + 2);
            text.Append($"Row{i:D5},{(invalid ? "not-an-email" : $"row{i}@example.com")}\r\n");
        }
        await File.WriteAllTextAsync(file, text.ToString());

        var result = await RunAsync("import", "contacts", file, "--batch-size", "50", "--db", Db);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches($@"created\s+{rows - bad.Count:N0}", result.StdOut);
        Assert.Matches($@"failed\s+{bad.Count}", result.StdOut);
        var reported = (await File.ReadAllLinesAsync(file + ".errors.csv")).Skip(1).Select(l => int.Parse(l.Split(',')[2])).ToList();
        Assert.Equal(bad, reported);
        // The next batch is prepared while one is written, but batches commit in file order: the feed lists the rows as the file does.
        var names = new List<string>();
        await using (var connection = Open())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT json_extract(record, '$.lastName') FROM changes WHERE object = 'contacts' ORDER BY seq";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        Assert.Equal(Enumerable.Range(0, rows).Where(i => !bad.Contains(i + 2)).Select(i => $"Row{i:D5}"), names);
        Assert.Equal(rows, (await JobAsync()).Done);
    }

    [Fact]
    public async Task Import_KilledWithSigkill_ResumesWithoutLosingOrRepeatingRows()
    {
        const int rows = 100_000;
        var file = Path.Combine(_dir, "big.csv");
        var text = new StringBuilder("externalIds.legacy,firstName,lastName,email\r\n");
        for (var i = 0; i < rows; i++) text.Append($"L{i:D6},First{i},Last{i},person{i}@example.com\r\n");
        await File.WriteAllTextAsync(file, text.ToString());
        Assert.Equal(0, (await RunAsync("migrate", "--db", Db)).ExitCode);

        using (var process = CliProcess.Start("import", "contacts", file, "--batch-size", "250", "--db", Db))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (await RowsDoneAsync() < 1_000)
            {
                if (process.HasExited) Assert.Fail("the import finished before it could be killed: " + await process.StandardError.ReadToEndAsync());
                Assert.True(DateTime.UtcNow < deadline, "the import made no progress");
                await Task.Delay(20);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var (jobId, status, done) = await JobAsync();
        Assert.Equal("running", status);
        Assert.True(done is > 0 and < rows, $"killed after {done} rows");
        Assert.Equal(done, await CountAsync("contacts"));

        var resumed = await RunAsync("import", "--resume", jobId, "--db", Db);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"resuming after row {done:N0}", resumed.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, await CountAsync("contacts"));
        Assert.Equal(rows, await ScalarAsync("SELECT COUNT(DISTINCT external_id) FROM external_ids WHERE object = 'contacts' AND system = 'legacy'"));
        Assert.Equal("completed", (await JobAsync()).Status);
    }

    [Fact]
    public async Task Export_WithFilterToFile_WritesOnlyMatchingRows()
    {
        var file = Path.Combine(_dir, "in.csv");
        await File.WriteAllTextAsync(file, "lastName,lifecycleStage\r\nLovelace,customer\r\nTuring,lead\r\nHopper,customer\r\n");
        Assert.Equal(0, (await RunAsync("import", "contacts", file, "--db", Db)).ExitCode);
        var output = Path.Combine(_dir, "out.jsonl");

        var result = await RunAsync("export", "contacts", "lifecycleStage=customer", "--sort", "lastName", "--out", output, "--db", Db);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"Hopper\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"Lovelace\"", lines[1], StringComparison.Ordinal);
        var bad = await RunAsync("export", "contacts", "shoeSize=9", "--db", Db);
        Assert.Equal(2, bad.ExitCode);
    }

    private async Task<long> RowsDoneAsync()
    {
        if (!File.Exists(Path.Combine(_dir, "crm.db"))) return 0;
        try { return await ScalarAsync("SELECT COALESCE(MAX(rows_done), 0) FROM jobs"); }
        catch (SqliteException) { return 0; }
    }

    private async Task<(string Id, string Status, long Done)> JobAsync()
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status, rows_done FROM jobs";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
    }

    private Task<long> CountAsync(string table) => ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE deleted_at IS NULL");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "crm.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private static Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(TimeSpan.FromSeconds(180), args);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
