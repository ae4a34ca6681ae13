using System.Text.Json.Nodes;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// The Postman CLI runner <c>newman</c> (npm), from <c>tests/postman-runner</c>, installed on first use by
/// <see cref="NodePackages"/>. Null from <see cref="GetAsync"/> when node or the install is unavailable and
/// not required; throws when <see cref="NodePackages.IsRequired"/>.
/// </summary>
internal sealed class Newman
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static Newman? _shared;
    private static string? _failure;

    private readonly string _directory;

    private Newman(string directory) => _directory = directory;

    public static async Task<Newman?> GetAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is null && _failure is null)
            {
                try
                {
                    var directory = NodePackages.Directory("postman-runner");
                    await NodePackages.InstallAsync(directory, "newman");
                    _shared = new Newman(directory);
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException)
                {
                    _failure = ex.Message;
                }
            }
        }
        finally
        {
            StartLock.Release();
        }
        if (_shared is null && NodePackages.IsRequired)
            throw new InvalidOperationException($"newman is required but unavailable: {_failure}");
        return _shared;
    }

    /// <summary>
    /// <c>newman run COLLECTION ARGS --reporters cli,json</c>: the exit code, the CLI report and the JSON report
    /// (<c>run.stats</c>, <c>run.executions</c>, <c>run.failures</c>).
    /// </summary>
    public async Task<(int ExitCode, string Output, JsonObject Report)> RunAsync(string collectionFile, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var report = Path.Combine(Path.GetTempPath(), $"newman-{Guid.NewGuid():N}.json");
        try
        {
            string[] command =
            [
                Path.Combine(_directory, "node_modules", "newman", "bin", "newman.js"), "run", collectionFile, .. arguments,
                "--reporters", "cli,json", "--reporter-json-export", report, "--color", "off", "--timeout-request", "30000",
            ];
            var (exitCode, output) = await NodePackages.RunAsync("node", command, _directory, timeout);
            Assert.True(File.Exists(report), $"newman wrote no report (exit {exitCode}): {output}");
            return (exitCode, output, JsonNode.Parse(await File.ReadAllTextAsync(report))!.AsObject());
        }
        finally
        {
            File.Delete(report);
        }
    }
}
