using System.ComponentModel;
using System.Diagnostics;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// Checks <c>/metrics</c> output with Prometheus' own <c>promtool check metrics</c> (Debian package <c>prometheus</c>)
/// rather than with Rapport's code, so a mistake shared by writer and reader cannot hide: the text goes to its
/// standard input, and it answers with format errors and lint problems.
/// <para>
/// promtool is <b>required</b> when env <c>CI</c> is <c>true</c> or <c>RAPPORT_REQUIRE_TOOLS</c> is <c>1</c>/<c>true</c>:
/// <see cref="CheckAsync"/> then throws when it is missing; otherwise it returns null and the test returns early
/// (xunit 2 has no runtime skip).
/// </para>
/// </summary>
public static class Promtool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static bool IsRequired => RequiredTools.AreRequired;

    /// <summary>
    /// promtool's exit code and output for <paramref name="metrics"/>; null when promtool is not installed and not
    /// required. Throws <see cref="InvalidOperationException"/> when it is required but missing.
    /// </summary>
    public static async Task<(int ExitCode, string Output)?> CheckAsync(string metrics)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("RAPPORT_PROMTOOL") ?? "promtool")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start.");
        }
        catch (Win32Exception ex)
        {
            if (IsRequired)
                throw new InvalidOperationException($"promtool is required but could not run ({ex.Message}); on Debian: apt-get install prometheus");
            return null;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(metrics);
            process.StandardInput.Close();
            using var cancel = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"promtool check metrics took longer than {Timeout}.");
            }
            return (process.ExitCode, (await output + await errors).Trim());
        }
    }
}
