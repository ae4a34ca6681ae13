namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// Third-party tools the suite checks Rapport against (zeep, the Node soap package, xmllint, promtool, newman).
/// In CI (env <c>CI</c> or <c>RAPPORT_REQUIRE_TOOLS</c> set to 1/true, as <c>.ci/run</c> does) a missing tool
/// fails the test; elsewhere the test returns early (xunit 2 has no runtime skip).
/// </summary>
internal static class RequiredTools
{
    public static bool AreRequired => IsSet("CI") || IsSet("RAPPORT_REQUIRE_TOOLS");

    /// <summary>True when the test should return early because <paramref name="tool"/> is missing; fails it when tools are required.</summary>
    public static bool Missing(string tool, string? why)
    {
        if (why is null) return false;
        Assert.False(AreRequired, $"{tool} is required (CI / RAPPORT_REQUIRE_TOOLS) but unavailable: {why}");
        return true;
    }

    /// <summary>The full path of <paramref name="program"/> on PATH (or as given when absolute), or null.</summary>
    public static string? Which(string program)
    {
        if (Path.IsPathRooted(program)) return File.Exists(program) ? program : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>True when the environment variable is 1 or true.</summary>
    public static bool IsSet(string variable) =>
        Environment.GetEnvironmentVariable(variable)?.Trim() is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));
}
