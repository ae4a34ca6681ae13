using System.Diagnostics;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// The npm package folders under <c>tests/</c> (<c>webhooks-verifier</c>, <c>postman-runner</c>): found above the
/// test output, installed once with <c>npm ci</c> under a file lock (parallel test runs do not install at once),
/// and reinstalled when <c>package-lock.json</c> is newer than the install.
/// <para>
/// Node is <b>required</b> when env <c>CI</c> is <c>true</c> or <c>RAPPORT_REQUIRE_NODE</c> or
/// <c>RAPPORT_REQUIRE_TOOLS</c> is <c>1</c>/<c>true</c> (<c>.ci/run</c> sets <c>RAPPORT_REQUIRE_NODE</c>): a test
/// that cannot get its package then fails; otherwise it returns early (xunit 2 has no runtime skip).
/// </para>
/// </summary>
internal static class NodePackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public static bool IsRequired => RequiredTools.AreRequired || RequiredTools.IsSet("RAPPORT_REQUIRE_NODE");

    /// <summary><c>tests/<paramref name="folder"/></c> of the checkout the tests run from.</summary>
    public static string Directory(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", folder);
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new InvalidOperationException($"tests/{folder}/package.json not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// Checks that node runs and installs the folder's packages unless <paramref name="package"/> is already there.
    /// Returns how long <c>npm ci</c> took, or null when nothing was installed; throws with the reason on failure.
    /// </summary>
    public static async Task<TimeSpan?> InstallAsync(string directory, string package)
    {
        var version = await RunAsync("node", ["--version"], directory, TimeSpan.FromSeconds(30));
        if (version.ExitCode != 0)
            throw new InvalidOperationException($"node is not available ({version.Output}); on Debian: apt-get install nodejs npm");
        if (IsInstalled(directory, package))
            return null;
        await using var fileLock = await LockAsync(Path.Combine(directory, ".install.lock"));
        if (IsInstalled(directory, package))
            return null;
        var clock = Stopwatch.StartNew();
        var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, InstallTimeout);
        if (install.ExitCode != 0)
            throw new InvalidOperationException($"npm ci failed in {directory} (exit {install.ExitCode}): {install.Output}");
        return clock.Elapsed;
    }

    public static Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return ToolProcess.RunAsync(start, timeout);
    }

    /// <summary>Installed and not older than the lock file (a checkout that changed package-lock.json installs again).</summary>
    private static bool IsInstalled(string directory, string package)
    {
        var marker = Path.Combine(directory, "node_modules", ".package-lock.json");
        return File.Exists(Path.Combine(directory, "node_modules", package, "package.json")) &&
               File.Exists(marker) &&
               File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(Path.Combine(directory, "package-lock.json"));
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < InstallTimeout)
            {
                await Task.Delay(200);
            }
        }
    }
}
