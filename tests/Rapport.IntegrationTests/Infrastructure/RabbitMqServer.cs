using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using RabbitMQ.Client;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away RabbitMQ broker for integration tests (no Docker, and never the system's own node).
/// <para>
/// Each instance runs its own Erlang node (<c>rapport-test-&lt;random&gt;@localhost</c>) from a temp
/// directory under <c>/tmp</c> holding everything the node writes: data (mnesia), logs, config, an empty
/// plugin list (no management plugin), and a private <c>HOME</c> with the Erlang cookie that the node and
/// <c>rabbitmqctl</c> share. AMQP, distribution and a private epmd listen on free 127.0.0.1 ports only.
/// Binaries come from <c>RAPPORT_RABBITMQ_BIN</c>, else Debian's <c>/usr/lib/rabbitmq/bin</c> (not the
/// <c>/usr/sbin</c> wrappers, which switch to the rabbitmq user and its HOME), else PATH. Runs as root too.
/// </para>
/// <para>
/// <see cref="StopAsync"/> / <see cref="StartAsync"/> stop and restart the RabbitMQ application on the
/// same node (<c>rabbitmqctl stop_app</c> / <c>start_app</c>): clients are disconnected, new connections
/// are refused, durable queues and their persistent messages survive. Dispose kills the node and its
/// epmd and deletes the directory.
/// </para>
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    // A cold Erlang VM under a fully loaded CI machine (the whole suite running beside it on 2 cores) took more
    // than 60 s to boot once; a broker that is still booting is waited for rather than restarted.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private const int MaxOutputChars = 20_000;

    private readonly string _binDir;
    private readonly string _rootDir;
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _node;
    private int _disposed;

    private RabbitMqServer(string binDir, string rootDir, string nodeName, int port, int distPort, int epmdPort)
    {
        _binDir = binDir;
        _rootDir = rootDir;
        NodeName = nodeName;
        Port = port;
        AmqpUri = $"amqp://guest:guest@127.0.0.1:{port}/";
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(rootDir, "home"),
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = epmdPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(rootDir, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = LogDirectory,
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(rootDir, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(rootDir, "advanced.config"), // absent on purpose
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(rootDir, "rabbitmq-env.conf"),      // empty: not /etc/rabbitmq's
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(rootDir, "enabled_plugins"),
            // Distribution (node and CLI) on loopback only, like AMQP and epmd.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_CTL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
    }

    /// <summary>Why the last <see cref="TryStartAsync"/> returned null (null after a success).</summary>
    public static string? LastFailure { get; private set; }

    /// <summary><c>amqp://guest:guest@127.0.0.1:PORT/</c> (default vhost).</summary>
    public string AmqpUri { get; }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The Erlang node name, for <c>rabbitmqctl -n</c>.</summary>
    public string NodeName { get; }

    /// <summary>How long it took from launching the node to its first AMQP connection.</summary>
    public TimeSpan StartupDuration { get; private set; }

    /// <summary>False between <see cref="StopAsync"/> and the end of <see cref="StartAsync"/>.</summary>
    public bool IsRunning { get; private set; } = true;

    /// <summary>Where the node writes its log (<c>NODE.log</c>).</summary>
    public string LogDirectory => Path.Combine(_rootDir, "log");

    /// <summary>
    /// Starts a private broker. Returns null and sets <see cref="LastFailure"/> when RabbitMQ is not
    /// installed or the node cannot be started; never throws for those reasons.
    /// </summary>
    public static async Task<RabbitMqServer?> TryStartAsync()
    {
        try
        {
            var server = await StartCoreAsync().ConfigureAwait(false);
            if (server is not null)
                LastFailure = null;
            return server;
        }
        catch (Exception ex)
        {
            LastFailure = $"unexpected error starting RabbitMQ: {ex}";
            return null;
        }
    }

    /// <summary>Stops the RabbitMQ application (the node stays up): open connections are closed, new ones refused.</summary>
    public async Task StopAsync()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        IsRunning = false;
        var result = await RunCtlAsync("stop_app").ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl stop_app exited with {result.ExitCode}: {result.Output}");
        var deadline = Stopwatch.StartNew();
        while (await AcceptsTcpAsync().ConfigureAwait(false))
        {
            if (deadline.Elapsed > CommandTimeout)
                throw new InvalidOperationException($"port {Port} still open {CommandTimeout.TotalSeconds:0} s after stop_app");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the RabbitMQ application again after <see cref="StopAsync"/> and waits until it accepts AMQP.</summary>
    public async Task StartAsync()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var result = await RunCtlAsync("start_app").ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl start_app exited with {result.ExitCode}: {result.Output}{LogTail()}");
        var error = await WaitUntilReadyAsync().ConfigureAwait(false);
        if (error is not null)
            throw new InvalidOperationException(error + LogTail());
        IsRunning = true;
    }

    /// <summary>
    /// Runs <c>rabbitmqctl -n NODE args...</c> against this node (e.g. <c>set_vm_memory_high_watermark 0.4</c>,
    /// <c>list_queues</c>) and returns its output; throws when it exits with an error.
    /// </summary>
    public async Task<string> RabbitMqCtlAsync(params string[] args)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var result = await RunCtlAsync(args).ConfigureAwait(false);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} exited with {result.ExitCode}: {result.Output}");
    }

    /// <summary>Kills the node and its epmd, and deletes the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await KillAndDeleteAsync().ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- start-up

    private static async Task<RabbitMqServer?> StartCoreAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            LastFailure = "starting a private RabbitMQ broker is only supported on Unix.";
            return null;
        }
        var binDir = FindBinDir();
        if (binDir is null)
        {
            LastFailure = "RabbitMQ not found (install the 'rabbitmq-server' package so /usr/lib/rabbitmq/bin/rabbitmq-server " +
                          "exists, set RAPPORT_RABBITMQ_BIN, or put rabbitmq-server and rabbitmqctl on PATH).";
            return null;
        }

        // The ports are probed then released, so another process could take one: retry a few times.
        string? error = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var id = Guid.NewGuid().ToString("N")[..12];
            var rootDir = Path.Combine("/tmp", "rapport-rmq-" + id);
            var ports = GetFreePorts(3);
            var server = new RabbitMqServer(binDir, rootDir, $"rapport-test-{id}@localhost", ports[0], ports[1], ports[2]);
            try
            {
                error = await server.LaunchAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.KillAndDeleteAsync().ConfigureAwait(false);
                throw;
            }
            if (error is null)
            {
                AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
                return server;
            }
            var exitedEarly = server._node is { HasExited: true };
            await server.KillAndDeleteAsync().ConfigureAwait(false);
            if (!exitedEarly)
                break; // a node that never came up in ReadyTimeout will not do better on a second try
        }
        LastFailure = error;
        return null;
    }

    [UnsupportedOSPlatform("windows")]
    private async Task<string?> LaunchAsync()
    {
        var home = _environment["HOME"];
        foreach (var dir in new[] { _rootDir, home, _environment["RABBITMQ_MNESIA_BASE"], LogDirectory })
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(_environment["RABBITMQ_CONFIG_FILE"],
            "# Private test broker (tests/Rapport.IntegrationTests/Infrastructure/RabbitMqServer.cs)\n" +
            "log.console = false\nlog.file.level = info\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(_environment["RABBITMQ_CONF_ENV_FILE"], "").ConfigureAwait(false);
        await File.WriteAllTextAsync(_environment["RABBITMQ_ENABLED_PLUGINS_FILE"], "[].\n").ConfigureAwait(false);
        var cookie = Path.Combine(home, ".erlang.cookie");
        await File.WriteAllTextAsync(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))).ConfigureAwait(false);
        File.SetUnixFileMode(cookie, UnixFileMode.UserRead); // Erlang refuses a cookie others can read

        var sw = Stopwatch.StartNew();
        var psi = NewStartInfo(Path.Combine(_binDir, "rabbitmq-server"), []);
        _node = new Process { StartInfo = psi };
        _node.OutputDataReceived += (_, e) => AppendOutput(e.Data);
        _node.ErrorDataReceived += (_, e) => AppendOutput(e.Data);
        try
        {
            _node.Start();
        }
        catch (Win32Exception ex)
        {
            return $"could not run '{psi.FileName}': {ex.Message}";
        }
        _node.StandardInput.Close();
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();

        var error = await WaitUntilReadyAsync().ConfigureAwait(false);
        StartupDuration = sw.Elapsed;
        return error is null ? null : $"{error}\n--- rabbitmq-server output ---\n{Output()}{LogTail()}";
    }

    private async Task<string?> WaitUntilReadyAsync()
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(AmqpUri),
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            HandshakeContinuationTimeout = TimeSpan.FromSeconds(3),
        };
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_node is { HasExited: true })
                return $"rabbitmq-server exited with {_node.ExitCode} before accepting connections";
            // A cheap TCP probe first: the listener opens last in the boot, and a refused AMQP attempt costs more.
            if (await AcceptsTcpAsync().ConfigureAwait(false))
            {
                try
                {
                    await using var connection = await factory.CreateConnectionAsync().ConfigureAwait(false);
                    return null;
                }
                catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or
                                               RabbitMQ.Client.Exceptions.RabbitMQClientException)
                {
                    last = ex;
                }
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        return $"no AMQP connection on port {Port} within {ReadyTimeout.TotalSeconds:0} s: {last?.Message}";
    }

    private async Task<bool> AcceptsTcpAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    // ---------------------------------------------------------------- shutdown

    private async Task KillAndDeleteAsync()
    {
        if (_node is not null)
        {
            try
            {
                if (!_node.HasExited)
                {
                    _node.Kill(entireProcessTree: true); // the data is thrown away: no graceful stop needed
                    await _node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or TimeoutException)
            {
            }
            _node.Dispose();
            _node = null;
        }
        await KillEpmdAsync().ConfigureAwait(false);
        TryDeleteDirectory(_rootDir);
    }

    // The node started a private epmd (daemonised, so not in its process tree); it refuses to stop while it
    // still lists a node, which it drops a moment after the node died.
    private async Task KillEpmdAsync()
    {
        var epmd = FindOnPath("epmd") ?? "/usr/lib/erlang/bin/epmd";
        if (!File.Exists(epmd))
            return;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var result = await RunAsync(NewStartInfo(epmd, ["-kill"])).ConfigureAwait(false);
            if ((result.ExitCode == 0 && result.Output.Contains("Killed", StringComparison.Ordinal)) ||
                result.Output.Contains("Cannot connect", StringComparison.OrdinalIgnoreCase))
                return;
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    // Fallback if the test host exits without disposing (e.g. a fixture never torn down).
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            KillAndDeleteAsync().GetAwaiter().GetResult();
    }

    // ---------------------------------------------------------------- helpers

    private Task<(int ExitCode, string Output)> RunCtlAsync(params string[] args) =>
        RunAsync(NewStartInfo(Path.Combine(_binDir, "rabbitmqctl"), ["-n", NodeName, .. args]));

    private ProcessStartInfo NewStartInfo(string fileName, string[] args)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _rootDir,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // Keep the caller's RabbitMQ and Erlang settings from leaking into the node and the tools.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("RABBITMQ_", StringComparison.Ordinal) ||
                                                             k.StartsWith("ERL_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(name);
        foreach (var (name, value) in _environment)
            psi.Environment[name] = value;
        return psi;
    }

    private static Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo psi) => ToolProcess.RunAsync(psi, CommandTimeout);

    private void AppendOutput(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            if (_output.Length < MaxOutputChars)
                _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    private string LogTail()
    {
        try
        {
            var log = Path.Combine(LogDirectory, NodeName + ".log");
            if (!File.Exists(log))
                return "";
            return "\n--- node log (tail) ---\n" + string.Join('\n', File.ReadAllLines(log).TakeLast(20));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string? FindBinDir()
    {
        var fromEnv = Environment.GetEnvironmentVariable("RAPPORT_RABBITMQ_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnv))
            return fromEnv;
        const string debian = "/usr/lib/rabbitmq/bin";
        if (File.Exists(Path.Combine(debian, "rabbitmq-server")))
            return debian;
        var server = FindOnPath("rabbitmq-server");
        return server is not null && File.Exists(Path.Combine(Path.GetDirectoryName(server)!, "rabbitmqctl"))
            ? Path.GetDirectoryName(server)
            : null;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);

    // All listeners open at once, so the ports differ from each other.
    private static int[] GetFreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners)
                listener.Start();
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Dispose();
        }
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
}
