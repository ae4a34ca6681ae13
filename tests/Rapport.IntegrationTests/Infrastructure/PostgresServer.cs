using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server for integration tests (no Docker needed).
/// <para>
/// If the environment variable <c>RAPPORT_TEST_PG</c> holds an Npgsql connection string, that existing
/// server is used. Otherwise a private cluster is created with <c>initdb</c> in a temp directory under
/// <c>/tmp</c>, started with <c>pg_ctl</c> on a free 127.0.0.1 port (durability switched off for speed),
/// and stopped + deleted on dispose. Binaries come from <c>RAPPORT_PG_BIN</c>, else the newest
/// <c>/usr/lib/postgresql/*/bin</c>, else <c>initdb</c> on PATH. When running as root (initdb and postgres
/// refuse to), every PostgreSQL command runs as the <c>postgres</c> OS user via <c>runuser</c>.
/// </para>
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string PgUser = "postgres";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120); // generous: CI runs the whole suite beside it on 2 cores
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly string? _binDir;    // null for an external server
    private readonly string? _rootDir;   // temp dir: socket, log, data/ (null for an external server)
    private readonly bool _asPostgresUser;
    private readonly List<string> _createdDatabases = [];
    private int _disposed;

    private PostgresServer(string connectionString, string? binDir, string? rootDir, bool asPostgresUser)
    {
        ConnectionString = connectionString;
        _binDir = binDir;
        _rootDir = rootDir;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>Why the last <see cref="TryStartAsync"/> returned null (null after a success).</summary>
    public static string? LastFailure { get; private set; }

    /// <summary>Npgsql connection string of the maintenance database (<c>postgres</c>) as superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>True when this instance started (and owns) the server; false for <c>RAPPORT_TEST_PG</c>.</summary>
    public bool IsOwned => _rootDir is not null;

    /// <summary>How long it took to get the server accepting connections.</summary>
    public TimeSpan StartupDuration { get; private set; }

    /// <summary>Data directory of an owned server (null for an external one); its log is <c>../log</c>.</summary>
    public string? DataDirectory => _rootDir is null ? null : Path.Combine(_rootDir, "data");

    /// <summary>
    /// Starts (or connects to) a server. Returns null and sets <see cref="LastFailure"/> when PostgreSQL
    /// binaries are missing or the server cannot be started; never throws for those reasons.
    /// </summary>
    public static async Task<PostgresServer?> TryStartAsync()
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var server = await StartCoreAsync().ConfigureAwait(false);
            if (server is not null)
            {
                server.StartupDuration = sw.Elapsed;
                LastFailure = null;
            }
            return server;
        }
        catch (Exception ex)
        {
            LastFailure = $"unexpected error starting PostgreSQL: {ex}";
            return null;
        }
    }

    /// <summary>
    /// Creates a fresh, empty database (from <c>template0</c>) and returns its connection string.
    /// An existing database with the same name is dropped first. Names must be plain identifiers
    /// (letters, digits, underscore; at most 63 characters).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!IdentifierRegex().IsMatch(name))
            throw new ArgumentException($"Invalid database name '{name}': use [A-Za-z_][A-Za-z0-9_]{{0,62}}.", nameof(name));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        await using (var conn = new NpgsqlConnection(ConnectionString))
        {
            await conn.OpenAsync().ConfigureAwait(false);
            await ExecAsync(conn, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").ConfigureAwait(false);
            await ExecAsync(conn, $"CREATE DATABASE \"{name}\" TEMPLATE template0").ConfigureAwait(false);
        }
        lock (_createdDatabases)
            _createdDatabases.Add(name);

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString();
    }

    /// <summary>Stops the owned server (<c>pg_ctl -m immediate stop</c>) and deletes its directory;
    /// for an external server, drops the databases created through this instance.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        NpgsqlConnection.ClearAllPools();

        if (_rootDir is null)
        {
            await DropCreatedDatabasesAsync().ConfigureAwait(false);
            return;
        }
        await StopAndDeleteAsync().ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- start-up

    private static async Task<PostgresServer?> StartCoreAsync()
    {
        var external = Environment.GetEnvironmentVariable("RAPPORT_TEST_PG");
        if (!string.IsNullOrWhiteSpace(external))
            return await UseExternalAsync(external).ConfigureAwait(false);

        if (OperatingSystem.IsWindows())
        {
            LastFailure = "starting a private PostgreSQL server is only supported on Unix; set RAPPORT_TEST_PG instead.";
            return null;
        }

        var binDir = FindBinDir();
        if (binDir is null)
        {
            LastFailure = "PostgreSQL binaries not found (set RAPPORT_PG_BIN, install the 'postgresql' package " +
                          "so /usr/lib/postgresql/*/bin/initdb exists, or put initdb on PATH).";
            return null;
        }
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(binDir, tool)))
            {
                LastFailure = $"'{tool}' not found in PostgreSQL bin directory '{binDir}'.";
                return null;
            }
        }

        var asPostgres = await IsRootAsync().ConfigureAwait(false);
        if (asPostgres)
        {
            var userError = await EnsurePostgresUserAsync().ConfigureAwait(false);
            if (userError is not null)
            {
                LastFailure = userError;
                return null;
            }
        }

        var rootDir = Path.Combine("/tmp", "rapport-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(rootDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var server = new PostgresServer("", binDir, rootDir, asPostgres); // placeholder for cleanup on failure
        try
        {
            if (asPostgres)
            {
                var chown = await RunAsync("chown", [PgUser, rootDir], rootDir).ConfigureAwait(false);
                if (chown.ExitCode != 0)
                    return await FailAsync(server, $"chown {PgUser} {rootDir} failed: {chown.Output}").ConfigureAwait(false);
            }

            var initError = await server.InitDbAsync().ConfigureAwait(false);
            if (initError is not null)
                return await FailAsync(server, initError).ConfigureAwait(false);

            // The port is probed then released, so another process could grab it: retry a few times.
            string? startError = null;
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var port = FreePort.Next();
                startError = await server.PgCtlStartAsync(port).ConfigureAwait(false);
                if (startError is null)
                {
                    var cs = BuildConnectionString(port);
                    var readyError = await WaitUntilReadyAsync(cs).ConfigureAwait(false);
                    if (readyError is null)
                    {
                        var started = new PostgresServer(cs, binDir, rootDir, asPostgres);
                        AppDomain.CurrentDomain.ProcessExit += started.OnProcessExit;
                        return started;
                    }
                    startError = readyError + server.LogTail();
                    break;
                }
            }
            return await FailAsync(server, startError!).ConfigureAwait(false);
        }
        catch
        {
            await server.StopAndDeleteAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<PostgresServer?> UseExternalAsync(string connectionString)
    {
        string cs;
        try
        {
            cs = new NpgsqlConnectionStringBuilder(connectionString).ToString();
        }
        catch (ArgumentException ex)
        {
            LastFailure = $"RAPPORT_TEST_PG is not a valid Npgsql connection string: {ex.Message}";
            return null;
        }
        var error = await WaitUntilReadyAsync(cs).ConfigureAwait(false);
        if (error is not null)
        {
            LastFailure = $"RAPPORT_TEST_PG server not reachable: {error}";
            return null;
        }
        return new PostgresServer(cs, binDir: null, rootDir: null, asPostgresUser: false);
    }

    private static async Task<PostgresServer?> FailAsync(PostgresServer placeholder, string reason)
    {
        LastFailure = reason;
        await placeholder.StopAndDeleteAsync().ConfigureAwait(false);
        return null;
    }

    private async Task<string?> InitDbAsync()
    {
        var dataDir = DataDirectory!;
        string? lastError = null;
        foreach (var locale in new[] { "C.UTF-8", "C" })
        {
            // --no-sync: skip initdb's final fsync of the whole cluster (the data is throw-away).
            var result = await RunPgAsync("initdb",
                ["-D", dataDir, "-U", PgUser, "--auth=trust", "-E", "UTF8", $"--locale={locale}", "--no-sync"])
                .ConfigureAwait(false);
            if (result.ExitCode == 0)
                return null;
            lastError = $"initdb (--locale={locale}) exited with {result.ExitCode}: {result.Output}";
            TryDeleteDirectory(dataDir); // initdb usually cleans up itself; make sure the next try starts empty
        }
        return lastError;
    }

    private async Task<string?> PgCtlStartAsync(int port)
    {
        var options = $"-k {_rootDir} -h 127.0.0.1 -p {port} -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=200";
        var result = await RunPgAsync("pg_ctl",
            ["-D", DataDirectory!, "-o", options, "-l", LogPath, "-w", "-t", "60", "start"]).ConfigureAwait(false);
        return result.ExitCode == 0
            ? null
            : $"pg_ctl start (port {port}) exited with {result.ExitCode}: {result.Output}{LogTail()}";
    }

    private static string BuildConnectionString(int port) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = PgUser,
        Database = "postgres",
        IncludeErrorDetail = true,
        Timeout = 15,
        // Every test gets its own database and thus its own pool: drop idle connections quickly so
        // the pools of finished tests do not pile up towards max_connections.
        ConnectionIdleLifetime = 5,
        ConnectionPruningInterval = 1,
    }.ToString();

    private static async Task<string?> WaitUntilReadyAsync(string connectionString)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 }.ToString();
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < ReadyTimeout)
        {
            try
            {
                await using var conn = new NpgsqlConnection(probe);
                await conn.OpenAsync().ConfigureAwait(false);
                await using var cmd = new NpgsqlCommand("select 1", conn);
                await cmd.ExecuteScalarAsync().ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or IOException)
            {
                last = ex;
                await Task.Delay(200).ConfigureAwait(false);
            }
        }
        return $"no connection within {ReadyTimeout.TotalSeconds:0} s: {last?.Message}";
    }

    // ---------------------------------------------------------------- shutdown

    private async Task StopAndDeleteAsync()
    {
        if (_rootDir is null)
            return;
        if (File.Exists(Path.Combine(DataDirectory!, "postmaster.pid")))
            await RunPgAsync("pg_ctl", ["-D", DataDirectory!, "-m", "immediate", "-w", "stop"]).ConfigureAwait(false);
        TryDeleteDirectory(_rootDir);
    }

    // Fallback if the test host exits without disposing (e.g. a fixture never torn down).
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            StopAndDeleteAsync().GetAwaiter().GetResult();
    }

    private async Task DropCreatedDatabasesAsync()
    {
        string[] names;
        lock (_createdDatabases)
            names = [.. _createdDatabases];
        if (names.Length == 0)
            return;
        try
        {
            await using var conn = new NpgsqlConnection(ConnectionString);
            await conn.OpenAsync().ConfigureAwait(false);
            foreach (var name in names)
                await ExecAsync(conn, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // Best effort: leftovers on an external test server are harmless.
        }
    }

    // ---------------------------------------------------------------- helpers

    private string LogPath => Path.Combine(_rootDir!, "log");

    private string LogTail()
    {
        try
        {
            if (!File.Exists(LogPath))
                return "";
            var lines = File.ReadAllLines(LogPath);
            return "\n--- server log (tail) ---\n" + string.Join('\n', lines.TakeLast(20));
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static string? FindBinDir()
    {
        var fromEnv = Environment.GetEnvironmentVariable("RAPPORT_PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnv))
            return fromEnv;

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: ParseVersion(Path.GetFileName(d))))
                .Where(x => x.Version is not null && File.Exists(Path.Combine(x.Dir, "initdb")))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault();
            if (newest is not null)
                return newest;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")))
                return dir;
        }
        return null;
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.') ? name : name + ".0", out var v) ? v : null;

    private static async Task<bool> IsRootAsync()
    {
        if (Environment.UserName == "root")
            return true;
        var id = await RunAsync("id", ["-u"], null).ConfigureAwait(false);
        return id.ExitCode == 0 && id.Output.Trim() == "0";
    }

    private static async Task<string?> EnsurePostgresUserAsync()
    {
        if ((await RunAsync("id", ["-u", PgUser], null).ConfigureAwait(false)).ExitCode == 0)
            return null;
        var add = await RunAsync("useradd", ["-r", "-M", PgUser], null).ConfigureAwait(false);
        if (add.ExitCode == 0 || (await RunAsync("id", ["-u", PgUser], null).ConfigureAwait(false)).ExitCode == 0)
            return null; // (a concurrent creator counts as success)
        return $"running as root and could not create OS user '{PgUser}' (useradd exited with {add.ExitCode}: {add.Output})";
    }

    /// <summary>Runs a PostgreSQL tool, as the postgres OS user when we are root.</summary>
    private Task<(int ExitCode, string Output)> RunPgAsync(string tool, string[] args)
    {
        var exe = Path.Combine(_binDir!, tool);
        return _asPostgresUser
            ? RunAsync("runuser", ["-u", PgUser, "--", exe, .. args], _rootDir)
            : RunAsync(exe, args, _rootDir);
    }

    /// <summary>Runs a process; returns its exit code (-1 if it could not start or timed out) and combined output.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] args, string? workingDirectory)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The postgres user must be able to access the cwd (initdb/pg_ctl fail otherwise).
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // Keep the caller's libpq settings from leaking into the tools.
        foreach (var v in new[] { "PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGDATABASE", "PGOPTIONS" })
            psi.Environment.Remove(v);

        return await ToolProcess.RunAsync(psi, CommandTimeout).ConfigureAwait(false);
    }

    private static void TryDeleteDirectory(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierRegex();
}
