using System.Text;
using Rapport.Integration.Webhooks;
using Rapport.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Rapport.IntegrationTests.Webhooks;

/// <summary>
/// Rapport's signatures checked by the Standard Webhooks reference implementation (npm standardwebhooks),
/// which shares no code with <see cref="WebhookSigner"/>.
/// </summary>
public sealed class StandardWebhooksVerifierTests(ITestOutputHelper output)
{
    private const string Ascii = """{"type":"contact.created","timestamp":"2025-03-01T12:00:00Z","data":{"id":"c_1","firstName":"Ada","email":"ada@example.com"}}""";
    private const string Unicode = """{"type":"contact.updated","timestamp":"2025-03-01T12:00:00Z","data":{"firstName":"Zoë","lastName":"Ångström-Łukasiewicz","city":"東京","note":"emoji 🚀 and \"quotes\" \\ slash"}}""";

    private async Task<StandardWebhooksVerifier?> VerifierAsync()
    {
        var verifier = await StandardWebhooksVerifier.GetAsync();
        if (verifier is null)
            output.WriteLine($"Skipped: {StandardWebhooksVerifier.FailureReason}");
        else if (StandardWebhooksVerifier.InstallDuration is { } took)
            output.WriteLine($"npm ci took {took.TotalSeconds:0.0} s");
        return verifier;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Sign(string body, params string[] secrets) =>
        WebhookSigner.Headers($"msg_{Guid.NewGuid():N}", DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body), secrets);

    [Theory]
    [InlineData(Ascii)]
    [InlineData(Unicode)]
    [InlineData("{}")]
    public async Task Sign_OneSecret_ReferenceVerifies(string body)
    {
        if (await VerifierAsync() is not { } verifier)
            return;
        var secret = WebhookSecret.New();

        Assert.Equal("ok", await verifier.VerifyAsync(Sign(body, secret), body, secret));
    }

    [Fact]
    public async Task Sign_RotationWithTwoSecrets_ReferenceVerifiesWithEither()
    {
        if (await VerifierAsync() is not { } verifier)
            return;
        var (oldSecret, newSecret) = (WebhookSecret.New(), WebhookSecret.New());

        var headers = Sign(Unicode, oldSecret, newSecret);

        Assert.Equal("ok", await verifier.VerifyAsync(headers, Unicode, oldSecret));
        Assert.Equal("ok", await verifier.VerifyAsync(headers, Unicode, newSecret));
    }

    [Fact]
    public async Task Sign_WrongSecret_ReferenceRefuses()
    {
        if (await VerifierAsync() is not { } verifier)
            return;

        var answer = await verifier.VerifyAsync(Sign(Ascii, WebhookSecret.New(), WebhookSecret.New()), Ascii, WebhookSecret.New());

        Assert.StartsWith("failed: WebhookVerificationError", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_TamperedBody_ReferenceRefuses()
    {
        if (await VerifierAsync() is not { } verifier)
            return;
        var secret = WebhookSecret.New();
        var headers = Sign(Ascii, secret);

        var answer = await verifier.VerifyAsync(headers, Ascii.Replace("Ada", "Eve", StringComparison.Ordinal), secret);

        Assert.StartsWith("failed: WebhookVerificationError", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_SignedPostToReceiver_ReferenceVerifiesWhatArrived()
    {
        if (await VerifierAsync() is not { } verifier)
            return;
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new HttpClient(WebhookTargetGuard.CreateHandler(allowPrivate: true));
        var secret = WebhookSecret.New();
        var body = Encoding.UTF8.GetBytes(Unicode);

        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in WebhookSigner.Headers("msg_live1", DateTimeOffset.UtcNow, body, [secret]))
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);

        var received = Assert.Single(receiver.Requests);
        Assert.Equal(Unicode, received.BodyText);
        Assert.Equal("ok", await verifier.VerifyAsync(received.Headers, received.BodyText, secret));
    }
}
