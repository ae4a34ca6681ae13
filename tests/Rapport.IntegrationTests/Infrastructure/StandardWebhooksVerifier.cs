using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// Checks webhook signatures with the Standard Webhooks reference implementation (npm <c>standardwebhooks</c>)
/// rather than with Rapport's own code, so a mistake shared by signer and checker cannot hide. One
/// <c>node tests/webhooks-verifier/verify.js</c> process serves the whole test run; on first use its packages
/// are installed with <c>npm ci</c> (<see cref="NodePackages"/>).
/// <para>
/// Node is <b>required</b> when <see cref="NodePackages.IsRequired"/> (env <c>CI</c>, <c>RAPPORT_REQUIRE_NODE</c> or
/// <c>RAPPORT_REQUIRE_TOOLS</c>): <see cref="GetAsync"/> then throws when node, npm or the install fails;
/// otherwise it returns null and the test returns early (xunit 2 has no runtime skip).
/// </para>
/// <example><code>
/// var verifier = await StandardWebhooksVerifier.GetAsync();
/// if (verifier is null) return; // node unavailable and not required: treated as skipped
/// Assert.Equal("ok", await verifier.VerifyAsync(request.Headers, request.BodyText, secret));
/// </code></example>
/// </summary>
public sealed class StandardWebhooksVerifier
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private static StandardWebhooksVerifier? _shared;
    private static string? _failure;

    private readonly Process _node;
    private readonly StringBuilder _errors = new();
    private readonly SemaphoreSlim _exchange = new(1, 1);

    private StandardWebhooksVerifier(Process node)
    {
        _node = node;
        _node.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_errors)
                _errors.AppendLine(e.Data);
        };
        _node.BeginErrorReadLine();
    }

    public static bool IsRequired => NodePackages.IsRequired;

    /// <summary>How long <c>npm ci</c> took in this process, or null when the packages were already installed.</summary>
    public static TimeSpan? InstallDuration { get; private set; }

    /// <summary>Why <see cref="GetAsync"/> returned null (or threw).</summary>
    public static string? FailureReason => _failure;

    /// <summary>
    /// The shared verifier, started on first use. Null when node, npm or the packages are not available and
    /// <see cref="IsRequired"/> is false; throws <see cref="InvalidOperationException"/> with the reason when it is true.
    /// </summary>
    public static async Task<StandardWebhooksVerifier?> GetAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is null && _failure is null)
            {
                try
                {
                    _shared = await StartAsync();
                }
                catch (Win32Exception ex)
                {
                    _failure = $"node or npm is not installed ({ex.Message}); on Debian: apt-get install nodejs npm";
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException)
                {
                    _failure = ex.Message;
                }
            }
        }
        finally
        {
            StartLock.Release();
        }
        if (_shared is null && IsRequired)
            throw new InvalidOperationException($"The Standard Webhooks reference verifier is required but unavailable: {_failure}");
        return _shared;
    }

    /// <summary>
    /// The reference implementation's verdict on one webhook: <c>ok</c>, or <c>failed: &lt;error&gt;: &lt;reason&gt;</c>.
    /// <paramref name="headers"/> are the request's headers (names in any case; only the three <c>webhook-*</c> ones
    /// are used). The timestamp must be within 5 minutes of now and <paramref name="body"/> must be JSON or empty,
    /// as <c>Webhook.verify</c> demands.
    /// </summary>
    public Task<string> VerifyAsync(IEnumerable<KeyValuePair<string, string>> headers, string body, string secret)
    {
        var byName = headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return VerifyAsync(
            byName.GetValueOrDefault("webhook-id", ""),
            byName.GetValueOrDefault("webhook-timestamp", ""),
            byName.GetValueOrDefault("webhook-signature", ""),
            body, secret);
    }

    /// <summary>As <see cref="VerifyAsync(IEnumerable{KeyValuePair{string, string}}, string, string)"/>, from the three header values.</summary>
    public async Task<string> VerifyAsync(string id, string timestamp, string signature, string body, string secret)
    {
        var line = JsonSerializer.Serialize(new { secret, id, timestamp, body, signature });
        await _exchange.WaitAsync();
        try
        {
            await _node.StandardInput.WriteLineAsync(line);
            await _node.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(AnswerTimeout);
            return await _node.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"verify.js stopped: {Errors()}");
        }
        finally
        {
            _exchange.Release();
        }
    }

    private string Errors()
    {
        lock (_errors)
            return _errors.ToString();
    }

    private static async Task<StandardWebhooksVerifier> StartAsync()
    {
        var directory = NodePackages.Directory("webhooks-verifier");
        InstallDuration = await NodePackages.InstallAsync(directory, "standardwebhooks");

        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, UseShellExecute = false };
        start.ArgumentList.Add("verify.js");
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.StandardInputEncoding = start.StandardOutputEncoding = start.StandardErrorEncoding = new UTF8Encoding(false);
        var node = Process.Start(start) ?? throw new InvalidOperationException("node verify.js did not start.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { node.Kill(); } catch (InvalidOperationException) { }
        };
        return new StandardWebhooksVerifier(node);
    }
}
