using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Runs a command-line tool (initdb, pg_ctl, rabbitmqctl …) to its end for the test servers.</summary>
internal static class ToolProcess
{
    /// <summary>Returns the exit code (-1 if it could not start or timed out) and the combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo psi, TimeSpan timeout)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        psi.UseShellExecute = false;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return (-1, $"could not run '{psi.FileName}': {ex.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            lock (output)
                return (-1, $"'{psi.FileName} {string.Join(' ', psi.ArgumentList)}' timed out after {timeout.TotalSeconds:0} s\n{output}");
        }
        lock (output)
            return (process.ExitCode, output.ToString().Trim());
    }
}
