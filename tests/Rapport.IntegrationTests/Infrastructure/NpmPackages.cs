using System.Diagnostics;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// The npm package folders of the test suite (<c>tests/webhooks-verifier</c>, <c>tests/soap-clients</c> …):
/// found above the test binaries and installed once with <c>npm ci</c> under a file lock, so parallel test
/// runs do not install at the same time.
/// </summary>
internal static class NpmPackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The folder <c>tests/<paramref name="name"/></c> of the repository holding the test binaries.</summary>
    public static string Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", name);
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new InvalidOperationException($"tests/{name}/package.json not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Runs <c>npm ci</c> in <paramref name="directory"/> unless <paramref name="package"/> is installed from the current lock file.</summary>
    /// <returns>How long the install took, or null when nothing had to be installed.</returns>
    /// <exception cref="InvalidOperationException">npm is missing or the install failed.</exception>
    public static async Task<TimeSpan?> InstallAsync(string directory, string package)
    {
        if (IsInstalled(directory, package)) return null;
        await using var fileLock = await LockAsync(Path.Combine(directory, ".install.lock"));
        if (IsInstalled(directory, package)) return null;
        var clock = Stopwatch.StartNew();
        var install = await ToolProcess.RunAsync(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = directory }, InstallTimeout);
        if (install.ExitCode != 0)
            throw new InvalidOperationException($"npm ci failed in {directory} (exit {install.ExitCode}): {install.Output}");
        return clock.Elapsed;
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
