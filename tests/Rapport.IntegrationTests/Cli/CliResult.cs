namespace Rapport.IntegrationTests.Cli;

/// <summary>What a run of the <c>rapport</c> program gave: its exit code and both output streams.</summary>
internal sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {StdOut}\nstderr: {StdErr}";
}
