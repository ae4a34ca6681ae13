using System.Diagnostics;

namespace Rapport.IntegrationTests.Cli;

/// <summary>Runs the real <c>rapport</c> program: <c>dotnet rapport.dll ARGS</c> from the test output directory (the CLI project is referenced, so it is copied there).</summary>
internal static class CliProcess
{
    /// <summary>Starts the program with stdout and stderr redirected and stdin closed; the caller reads, waits for or kills it.</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(string[])"/>, with extra environment variables for the program (server settings).</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "rapport.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; the test project must reference src/Rapport.Cli");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(dll);
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        psi.Environment.Remove("RAPPORT_DB");
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        var process = Process.Start(psi)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs the program to its end; fails the test when it does not exit within <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"rapport {string.Join(' ', args)} did not exit within {timeout.TotalSeconds:0} s");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
