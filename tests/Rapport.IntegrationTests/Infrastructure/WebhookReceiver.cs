using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>One request as the <see cref="WebhookReceiver"/> got it, with the status it answered.</summary>
public sealed record ReceivedRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ArrivedAt,
    int AnsweredStatus)
{
    /// <summary>The body decoded as UTF-8 (webhook bodies are JSON).</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A header's value (several values joined by ", "), or null; names are case-insensitive.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// How the <see cref="WebhookReceiver"/> answers one request: a status, optionally a raw <c>Retry-After</c> value
/// (delta-seconds or an HTTP date, or something unreadable on purpose), a <c>Location</c> for redirects, and a
/// delay before answering (to make the sender time out).
/// </summary>
public sealed record ReceiverResponse(int Status, string? RetryAfter = null, string? Location = null, TimeSpan Delay = default);

/// <summary>
/// A webhook endpoint for tests: Kestrel on 127.0.0.1 and a free port, answering every POST (any method, any
/// path) and recording it. Answers come from the queue filled by <see cref="Enqueue"/> first, then from the
/// default set by <see cref="RespondWith(ReceiverResponse)"/> (200 at start). Senders must be allowed private
/// targets (<c>WebhookTargetGuard.CreateHandler(allowPrivate: true)</c>), as 127.0.0.1 is loopback.
/// <example><code>
/// await using var receiver = await WebhookReceiver.StartAsync();
/// receiver.Enqueue(new(503, RetryAfter: "2"), new(500));   // then 200
/// ... deliver to receiver.Url ...
/// var requests = await receiver.WaitForCountAsync(3, TimeSpan.FromSeconds(30));
/// </code></example>
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;
    private readonly Lock _gate = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Queue<ReceiverResponse> _scripted = new();
    private ReceiverResponse _default = new(200);
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver()
    {
    }

    /// <summary>Root of the server, <c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The URL to subscribe: <c>http://127.0.0.1:PORT/hook</c>.</summary>
    public string Url => BaseUrl + "/hook";

    /// <summary>Every request so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
                return [.. _requests];
        }
    }

    /// <summary>Starts a receiver on 127.0.0.1 and a port the system chooses.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver { _app = app };
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.BaseUrl = address.TrimEnd('/');
        return receiver;
    }

    /// <summary>The answer for every request that no <see cref="Enqueue"/>d answer is left for.</summary>
    public void RespondWith(ReceiverResponse response)
    {
        lock (_gate)
            _default = response;
    }

    /// <summary>Shorthand for <see cref="RespondWith(ReceiverResponse)"/> with a status and an optional <c>Retry-After</c>.</summary>
    public void RespondWith(int status, string? retryAfter = null) => RespondWith(new ReceiverResponse(status, retryAfter));

    /// <summary>Answers for the next requests, one each, in order; afterwards the default answers again.</summary>
    public void Enqueue(params ReceiverResponse[] responses)
    {
        lock (_gate)
            foreach (var response in responses)
                _scripted.Enqueue(response);
    }

    /// <summary>Shorthand for <see cref="Enqueue(ReceiverResponse[])"/> with bare statuses.</summary>
    public void Enqueue(params int[] statuses) => Enqueue([.. statuses.Select(s => new ReceiverResponse(s))]);

    /// <summary>
    /// Waits until <paramref name="predicate"/> holds for the requests received so far and returns them; throws
    /// <see cref="TimeoutException"/> (saying how many arrived) when it still does not after <paramref name="timeout"/>.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(Func<IReadOnlyList<ReceivedRequest>, bool> predicate, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<ReceivedRequest> snapshot;
            Task arrived;
            lock (_gate)
            {
                snapshot = [.. _requests];
                arrived = _arrived.Task;
            }
            if (predicate(snapshot))
                return snapshot;
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"The webhook receiver got {snapshot.Count} request(s) in {timeout}, and the condition still does not hold.");
            await Task.WhenAny(arrived, Task.Delay(left));
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests have arrived.</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForCountAsync(int count, TimeSpan timeout) =>
        WaitForAsync(requests => requests.Count >= count, timeout);

    public async ValueTask DisposeAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        ReceiverResponse answer;
        TaskCompletionSource arrived;
        lock (_gate)
        {
            answer = _scripted.TryDequeue(out var next) ? next : _default;
            _requests.Add(new ReceivedRequest(
                context.Request.Method, $"{context.Request.Path}{context.Request.QueryString}", headers, body.ToArray(),
                DateTimeOffset.UtcNow, answer.Status));
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        arrived.SetResult();

        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is not null)
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        if (answer.Location is not null)
            context.Response.Headers.Location = answer.Location;
    }
}
