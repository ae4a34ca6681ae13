using System.Globalization;
using System.Net;
using System.Text;
using Rapport.Integration.Webhooks;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Webhooks;

public sealed class WebhookReceiverTests
{
    // Generous: only a failing wait takes this long, and CI runs the whole suite beside these tests on 2 cores.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static HttpClient Client() => new(WebhookTargetGuard.CreateHandler(allowPrivate: true));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Post_Default_Answers200AndRecordsHeadersBodyAndTime()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = Client();
        var before = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url + "?x=1") { Content = Json("""{"a":1}""") };
        request.Headers.Add("webhook-id", "msg_1");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(receiver.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/hook?x=1", received.PathAndQuery);
        Assert.Equal("msg_1", received.Header("Webhook-ID"));
        Assert.StartsWith("application/json", received.Header("content-type"), StringComparison.Ordinal);
        Assert.Equal("""{"a":1}""", received.BodyText);
        Assert.InRange(received.ArrivedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(200, received.AnsweredStatus);
    }

    [Fact]
    public async Task Post_EnqueuedStatuses_AnsweredInOrderThenDefault()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Enqueue(new ReceiverResponse(503, RetryAfter: "7"), new ReceiverResponse(429, RetryAfter: "Sat, 01 Mar 2025 12:30:00 GMT"));
        receiver.Enqueue(500);
        receiver.RespondWith(204);
        using var client = Client();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            answers.Add(await client.PostAsync(receiver.Url, Json("{}")));

        Assert.Equal([503, 429, 500, 204, 204], answers.Select(a => (int)a.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(7), answers[0].Headers.RetryAfter?.Delta);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero), answers[1].Headers.RetryAfter?.Date);
        Assert.Equal([503, 429, 500, 204, 204], receiver.Requests.Select(r => r.AnsweredStatus));
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Post_ConcurrentRequests_AllRecorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = Client();

        await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var response = await client.PostAsync(receiver.Url, Json($$"""{"n":{{i}}}"""));
            response.EnsureSuccessStatusCode();
        }));

        var requests = await receiver.WaitForCountAsync(100, Timeout);
        Assert.Equal(Enumerable.Range(0, 100), requests.Select(r => int.Parse(r.BodyText["{\"n\":".Length..^1], CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task WaitForAsync_RequestArrivesLater_ReturnsWhenConditionHolds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = Client();

        var waiting = receiver.WaitForAsync(r => r.Any(x => x.BodyText.Contains("second", StringComparison.Ordinal)), Timeout);
        await client.PostAsync(receiver.Url, Json("""{"first":1}"""));
        Assert.False(waiting.IsCompleted);
        await client.PostAsync(receiver.Url, Json("""{"second":2}"""));

        Assert.Equal(2, (await waiting).Count);
    }

    [Fact]
    public async Task WaitForAsync_NothingArrives_TimeoutException()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => receiver.WaitForCountAsync(1, TimeSpan.FromMilliseconds(200)));

        Assert.Contains("0 request(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuardedHandler_RedirectAnswer_NotFollowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Enqueue(new ReceiverResponse(302, Location: receiver.BaseUrl + "/elsewhere"));
        using var client = Client();

        using var response = await client.PostAsync(receiver.Url, Json("{}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(DeliveryOutcome.Retry, DeliveryClassifier.Classify(response.StatusCode));
        Assert.Equal("/hook", Assert.Single(receiver.Requests).PathAndQuery);
    }

    [Fact]
    public async Task GuardedHandler_PrivateNotAllowed_ReceiverGetsNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new HttpClient(WebhookTargetGuard.CreateHandler(allowPrivate: false));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(receiver.Url, Json("{}")));

        Assert.Contains("127.0.0.1, which is not a public address", error.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Post_DelayedAnswer_HeldUntilTheClientGivesUp()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Enqueue(new ReceiverResponse(200, Delay: TimeSpan.FromSeconds(30)));
        using var client = Client();
        using var giveUp = new CancellationTokenSource();

        // The client gives up only once the receiver has the request (a fixed short timeout could fire before
        // the request was even sent on a loaded CI machine); the answer is still being held back then.
        var post = client.PostAsync(receiver.Url, Json("{}"), giveUp.Token);
        Assert.Single(await receiver.WaitForCountAsync(1, Timeout));
        Assert.False(post.IsCompleted);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<TaskCanceledException>(() => post);
    }
}
