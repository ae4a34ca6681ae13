namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// Decides whether PostgreSQL-backed tests may be skipped.
/// <para>
/// Rule: PostgreSQL is <b>required</b> when env <c>CI</c> is <c>true</c> or env <c>RAPPORT_REQUIRE_POSTGRES</c>
/// is <c>1</c>/<c>true</c> (<c>.ci/run</c> sets the latter). If it is required and cannot be started, tests
/// FAIL with <see cref="PostgresServer.LastFailure"/> in the message; otherwise they may silently return early.
/// </para>
/// </summary>
public static class PostgresRequirement
{
    public static bool IsRequired =>
        IsTrue(Environment.GetEnvironmentVariable("CI")) ||
        IsTrue(Environment.GetEnvironmentVariable("RAPPORT_REQUIRE_POSTGRES"));

    /// <summary>Message used when the server is unavailable.</summary>
    public static string UnavailableMessage(string? reason) =>
        $"PostgreSQL could not be started: {reason ?? "unknown reason"}";

    private static bool IsTrue(string? value) =>
        value is not null &&
        (value.Trim() == "1" || string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// xunit collection fixture: one PostgreSQL server for all tests in <see cref="PostgresCollection.Name"/>,
/// started once before the first of them and stopped after the last.
/// <example><code>
/// [Collection(PostgresCollection.Name)]
/// public class MyTests(PostgresFixture pg)
/// {
///     [Fact]
///     public async Task Works()
///     {
///         var cs = await pg.TryNewDatabaseAsync();
///         if (cs is null) return; // PostgreSQL unavailable and not required: treated as skipped
///         ...
///     }
/// }
/// </code></example>
/// Starting never throws; the failure is reported by <see cref="NewDatabaseAsync"/> / <see cref="TryNewDatabaseAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _counter;

    /// <summary>The running server, or null when it could not be started (see <see cref="FailureReason"/>).</summary>
    public PostgresServer? Server { get; private set; }

    /// <summary>Why <see cref="Server"/> is null (copy of <see cref="PostgresServer.LastFailure"/> at start-up).</summary>
    public string? FailureReason { get; private set; }

    public bool IsAvailable => Server is not null;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.TryStartAsync();
        FailureReason = Server is null ? PostgresServer.LastFailure : null;
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
    }

    /// <summary>
    /// Creates a fresh empty database with a unique name and returns its connection string.
    /// Throws <see cref="InvalidOperationException"/> ("PostgreSQL could not be started: ...") when the
    /// server is unavailable — use <see cref="TryNewDatabaseAsync"/> for tests that may be skipped.
    /// </summary>
    public async Task<string> NewDatabaseAsync()
    {
        if (Server is null)
            throw new InvalidOperationException(PostgresRequirement.UnavailableMessage(FailureReason));
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"; // at most 48 characters, under PostgreSQL's 63
        return await Server.CreateDatabaseAsync(name);
    }

    /// <summary>
    /// Like <see cref="NewDatabaseAsync"/>, but returns null when the server is unavailable and
    /// <see cref="PostgresRequirement.IsRequired"/> is false, so the test can return early (xunit 2 has no
    /// runtime skip). When PostgreSQL is required, throws instead so the test fails.
    /// </summary>
    public async Task<string?> TryNewDatabaseAsync()
    {
        if (Server is null && !PostgresRequirement.IsRequired)
            return null;
        return await NewDatabaseAsync();
    }
}

/// <summary>Binds <see cref="PostgresFixture"/> to the "postgres" test collection.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
