using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Rapport.Api.Webhooks;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Webhooks.WebhookKit;

namespace Rapport.IntegrationTests.Webhooks;

/// <summary>
/// Live deliveries to a <see cref="WebhookReceiver"/>, with signatures checked by the npm <c>standardwebhooks</c>
/// reference verifier: what arrives, retries and back-off, disabling and re-enabling, rotation, manual retry.
/// </summary>
public abstract class WebhookDeliveryTests
{
    protected abstract Task<RapportApp?> StartAsync(Dictionary<string, string?> settings);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Deliver_ContactCreatedUpdatedDeleted_ArriveSignedAsStandardWebhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, secret, _) = await SubscribeAsync(admin, receiver.Url, "contact.*");

        var contact = await writer.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        using (var patch = await writer.PatchJsonAsync($"{V1}/contacts/{contact.Id()}", """{ "title": "Countess" }"""))
            await patch.ExpectStatusAsync(HttpStatusCode.OK);
        using (var delete = await writer.DeleteAsync($"{V1}/contacts/{contact.Id()}"))
            await delete.ExpectStatusAsync(HttpStatusCode.NoContent);

        var requests = await receiver.WaitForCountAsync(3, Wait);
        Assert.Equal(["contact.created", "contact.deleted", "contact.updated"], requests.Select(Type).Order().ToList());
        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.StartsWith("application/json", request.Header("content-type"), StringComparison.Ordinal);
            var verdict = await VerifyAsync(request, secret);
            if (verdict is not null) Assert.Equal("ok", verdict);
            var body = Body(request);
            Assert.Equal(["type", "timestamp", "data"], body.Select(p => p.Key).ToList());
            Assert.Equal(contact.Id(), body["data"]!["id"]!.GetValue<string>());
            Assert.True(DateTime.TryParse(body["timestamp"]!.GetValue<string>(), out _));
        }
        Assert.Equal("Countess", Body(requests.Single(r => Type(r) == "contact.updated"))["data"]!["title"]!.GetValue<string>());
        Assert.Equal(3, requests.Select(r => r.Header("webhook-id")).Distinct().Count());

        var delivery = await WaitForDeliveryAsync(admin, hook, DeliveryId(requests[0]), d => d["status"]!.GetValue<string>() == "delivered", Wait);
        Assert.Equal(1, delivery["attemptCount"]!.GetValue<int>());
        var attempt = Assert.Single(delivery["attempts"]!.AsArray())!;
        Assert.Equal(200, attempt["response"]!["status"]!.GetValue<int>());
        Assert.Equal(requests[0].Header("webhook-id"), attempt["request"]!["webhookId"]!.GetValue<string>());
        Assert.DoesNotContain("whsec_", delivery.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_Patterns_OnlyMatchingEventsArrive()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        await SubscribeAsync(admin, receiver.Url + "?accounts", "account.*");
        await SubscribeAsync(admin, receiver.Url + "?deleted", "*.deleted");

        var contact = await writer.CreateAsync("contacts", """{ "lastName": "Babbage" }""");
        var account = await writer.CreateAsync("accounts", """{ "name": "Analytical Engines" }""");
        using (var delete = await writer.DeleteAsync($"{V1}/contacts/{contact.Id()}"))
            await delete.ExpectStatusAsync(HttpStatusCode.NoContent);

        var requests = await receiver.WaitForCountAsync(2, Wait);
        await Task.Delay(1000);
        requests = receiver.Requests;
        var toAccounts = requests.Where(r => r.PathAndQuery.EndsWith("?accounts", StringComparison.Ordinal)).ToList();
        var toDeleted = requests.Where(r => r.PathAndQuery.EndsWith("?deleted", StringComparison.Ordinal)).ToList();
        Assert.Equal(["account.created"], toAccounts.Select(Type).ToList());
        Assert.Equal(account.Id(), Body(toAccounts[0])["data"]!["id"]!.GetValue<string>());
        Assert.Equal(["contact.deleted"], toDeleted.Select(Type).ToList());
    }

    [Fact]
    public async Task Deliver_OneEndpointHangs_ItHoldsAtMostItsShareAndTheOtherEndpointGetsEverything()
    {
        const int events = 200;
        await using var hanging = await WebhookReceiver.StartAsync();
        hanging.RespondWith(new ReceiverResponse(200, Delay: TimeSpan.FromMinutes(2)));
        await using var healthy = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        await SubscribeAsync(admin, hanging.Url, "contact.created");
        await SubscribeAsync(admin, healthy.Url, "contact.created");

        var operations = new JsonArray();
        for (var i = 0; i < events; i++)
            operations.Add(new JsonObject { ["method"] = "POST", ["path"] = "/contacts", ["body"] = new JsonObject { ["lastName"] = $"Busy {i}" } });
        using (var batch = await writer.PostJsonAsync($"{V1}/batch", new JsonObject { ["atomic"] = true, ["operations"] = operations }.ToJsonString()))
            await batch.ExpectStatusAsync(HttpStatusCode.OK);

        // Without a share per endpoint, the hanging one would hold all 128 sending slots until its requests time out
        // (15 s), and the healthy one would get nothing meanwhile. The receiver's clock decides, not this test's.
        var delivered = await healthy.WaitForCountAsync(events, TimeSpan.FromSeconds(60));
        var firstHeld = hanging.Requests[0].ArrivedAt;
        Assert.True(delivered[^1].ArrivedAt - firstHeld < WebhookSender.Timeout,
            $"the healthy endpoint's last event came {delivered[^1].ArrivedAt - firstHeld} after the hanging endpoint's first request");
        Assert.Equal(events, delivered.Select(r => r.Header("webhook-id")).Distinct().Count());
        Assert.InRange(hanging.Requests.Count, 1, WebhookSender.MaxInFlightPerEndpoint);
    }

    [Fact]
    public async Task Retry_500Then200_DeliveredOnTheSecondAttemptWithin10Seconds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Enqueue(new ReceiverResponse(500));
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, secret, _) = await SubscribeAsync(admin, receiver.Url, "*");

        await writer.CreateAsync("contacts", """{ "lastName": "Turing" }""");

        // The promise is the server's schedule: after the failure, the delivery is due again 4–6 s after the first
        // attempt (5 s ± 20 % jitter), well within the contract's 10 s. Read from the delivery itself, so a loaded
        // machine that is slow to send does not turn a correct schedule into a failure; the arrival gap is only
        // checked when the retry came before the pending state could be read.
        var first = (await receiver.WaitForCountAsync(1, Wait))[0];
        var afterFailure = await WaitForDeliveryAsync(admin, hook, DeliveryId(first), d => d["attempts"]!.AsArray().Count >= 1, Wait);
        var requests = await receiver.WaitForCountAsync(2, Wait);
        if (afterFailure["status"]!.GetValue<string>() == "pending")
        {
            var failedAt = DateTime.Parse(afterFailure["attempts"]![0]!["at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            var dueAt = DateTime.Parse(afterFailure["nextAttemptAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            Assert.InRange(dueAt - failedAt, TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(10));
            Assert.True(requests[1].ArrivedAt.UtcDateTime >= dueAt.AddMilliseconds(-50), $"The retry came at {requests[1].ArrivedAt:O}, before it was due at {dueAt:O}.");
        }
        else
            Assert.InRange(requests[1].ArrivedAt - requests[0].ArrivedAt, TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(10));
        Assert.Equal([500, 200], requests.Select(r => r.AnsweredStatus).ToList());
        Assert.Equal(requests[0].Header("webhook-id"), requests[1].Header("webhook-id"));
        foreach (var request in requests)
            if (await VerifyAsync(request, secret) is { } verdict) Assert.Equal("ok", verdict);

        var delivery = await WaitForDeliveryAsync(admin, hook, DeliveryId(requests[1]), d => d["status"]!.GetValue<string>() == "delivered", Wait);
        Assert.Equal(2, delivery["attemptCount"]!.GetValue<int>());
        Assert.Equal([500, 200], delivery["attempts"]!.AsArray().Select(a => a!["response"]!["status"]!.GetValue<int>()).ToList());
    }

    [Fact]
    public async Task Retry_429WithRetryAfter_NextAttemptNotBeforeItAsks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Enqueue(new ReceiverResponse(429, RetryAfter: "2"));
        // The schedule's own first delay is shortened to 5 ms, so only Retry-After holds the retry back.
        await using var app = await StartAsync(Settings(retryScale: 0.001));
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, _, _) = await SubscribeAsync(admin, receiver.Url, "contact.created");

        await writer.CreateAsync("contacts", """{ "lastName": "Hamilton" }""");

        var requests = await receiver.WaitForCountAsync(2, Wait);
        Assert.InRange(requests[1].ArrivedAt - requests[0].ArrivedAt, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        var delivery = await WaitForDeliveryAsync(admin, hook, DeliveryId(requests[1]), d => d["status"]!.GetValue<string>() == "delivered", Wait);
        var first = delivery["attempts"]![0]!;
        Assert.Equal(429, first["response"]!["status"]!.GetValue<int>());
        Assert.Equal("2", first["response"]!["headers"]!["retry-after"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gone_410_DisablesTheEndpointUntilActiveIsSetAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Enqueue(new ReceiverResponse(410));
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, _, _) = await SubscribeAsync(admin, receiver.Url, "contact.created");

        await writer.CreateAsync("contacts", """{ "lastName": "Gone" }""");
        var first = Assert.Single(await receiver.WaitForCountAsync(1, Wait));
        var disabled = await WaitForWebhookAsync(admin, hook, w => w["status"]!.GetValue<string>() == "disabled", Wait);
        Assert.False(disabled["active"]!.GetValue<bool>());
        Assert.Contains("410", disabled["statusReason"]!.GetValue<string>());
        var failed = await WaitForDeliveryAsync(admin, hook, DeliveryId(first), d => d["status"]!.GetValue<string>() == "failed", Wait);
        Assert.Equal(410, failed["lastStatus"]!.GetValue<int>());

        await writer.CreateAsync("contacts", """{ "lastName": "Unheard" }""");
        await Task.Delay(1500);
        Assert.Single(receiver.Requests);

        using (var enable = await admin.PatchJsonAsync($"{Hooks}/{hook}", """{ "active": true }"""))
        {
            await enable.ExpectStatusAsync(HttpStatusCode.OK);
            var enabled = await enable.JsonObjectAsync();
            Assert.Equal("active", enabled["status"]!.GetValue<string>());
            Assert.Null(enabled["statusReason"]);
        }
        var back = await writer.CreateAsync("contacts", """{ "lastName": "Back" }""");
        var requests = await receiver.WaitForCountAsync(2, Wait);
        Assert.Equal(back.Id(), Body(requests[1])["data"]!["id"]!.GetValue<string>());
        await Task.Delay(500);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task Retry_ScheduleExhausted_MarksTheEndpointFailingAndAManualRetryAfterReenablingDelivers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RespondWith(500);
        // 31.6 h of schedule in about 3.4 s (with the half-second poll between retries: some 7 s).
        await using var app = await StartAsync(Settings(retryScale: 0.00003));
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, _, _) = await SubscribeAsync(admin, receiver.Url, "contact.created");

        await writer.CreateAsync("contacts", """{ "lastName": "Unlucky" }""");

        var failing = await WaitForWebhookAsync(admin, hook, w => w["status"]!.GetValue<string>() == "failing", TimeSpan.FromSeconds(40));
        Assert.False(failing["active"]!.GetValue<bool>());
        Assert.Contains("8 attempts", failing["statusReason"]!.GetValue<string>());
        var requests = receiver.Requests;
        Assert.Equal(8, requests.Count);
        Assert.Single(requests.Select(r => r.Header("webhook-id")).Distinct());
        var failed = await WaitForDeliveryAsync(admin, hook, DeliveryId(requests[0]), d => d["status"]!.GetValue<string>() == "failed", Wait);
        Assert.Equal(8, failed["attemptCount"]!.GetValue<int>());
        Assert.Equal(8, failed["attempts"]!.AsArray().Count);

        using (var refused = await admin.PostJsonAsync($"{Hooks}/{hook}/deliveries/{DeliveryId(requests[0])}/retry", "{}"))
            await refused.ExpectStatusAsync(HttpStatusCode.Conflict);
        receiver.RespondWith(200);
        using (var enable = await admin.PatchJsonAsync($"{Hooks}/{hook}", """{ "active": true }"""))
            await enable.ExpectStatusAsync(HttpStatusCode.OK);
        using (var retry = await admin.PostJsonAsync($"{Hooks}/{hook}/deliveries/{DeliveryId(requests[0])}/retry", "{}"))
            await retry.ExpectStatusAsync(HttpStatusCode.Accepted);
        var again = await receiver.WaitForCountAsync(9, Wait);
        Assert.Equal(requests[0].Header("webhook-id"), again[8].Header("webhook-id"));
        await WaitForDeliveryAsync(admin, hook, DeliveryId(requests[0]), d => d["status"]!.GetValue<string>() == "delivered", Wait);
    }

    [Fact]
    public async Task RotateSecret_DuringTheOverlapBothSecretsVerify_AfterItOnlyTheNewOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        if (await StandardWebhooksVerifier.GetAsync() is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, oldSecret, _) = await SubscribeAsync(admin, receiver.Url, "contact.created");

        using var rotate = await admin.PostJsonAsync($"{Hooks}/{hook}/rotate-secret", """{ "overlapHours": 0.001 }""");
        await rotate.ExpectStatusAsync(HttpStatusCode.OK);
        var rotated = await rotate.JsonObjectAsync();
        var newSecret = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(oldSecret, newSecret);
        var overlapEnds = DateTime.Parse(rotated["previousSecretExpiresAt"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        await writer.CreateAsync("contacts", """{ "lastName": "During" }""");
        var during = (await receiver.WaitForCountAsync(1, Wait))[0];
        Assert.Equal(2, during.Header("webhook-signature")!.Split(' ').Length);
        Assert.Equal("ok", await VerifyAsync(during, oldSecret));
        Assert.Equal("ok", await VerifyAsync(during, newSecret));

        var wait = overlapEnds - DateTime.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        await writer.CreateAsync("contacts", """{ "lastName": "After" }""");
        var after = (await receiver.WaitForCountAsync(2, Wait))[1];
        Assert.Single(after.Header("webhook-signature")!.Split(' '));
        Assert.Equal("ok", await VerifyAsync(after, newSecret));
        Assert.StartsWith("failed", await VerifyAsync(after, oldSecret), StringComparison.Ordinal);

        var webhook = await GetJsonAsync(admin, $"{Hooks}/{hook}");
        Assert.Null(webhook["secret"]);
    }

    [Fact]
    public async Task ManualRetry_DeliveredDelivery_IsSentAgainWithTheSameWebhookId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, secret, _) = await SubscribeAsync(admin, receiver.Url, "contact.*");
        await writer.CreateAsync("contacts", """{ "lastName": "Again" }""");
        var first = (await receiver.WaitForCountAsync(1, Wait))[0];
        var id = DeliveryId(first);
        await WaitForDeliveryAsync(admin, hook, id, d => d["status"]!.GetValue<string>() == "delivered", Wait);

        using var retry = await admin.PostJsonAsync($"{Hooks}/{hook}/deliveries/{id}/retry", "");
        await retry.ExpectStatusAsync(HttpStatusCode.Accepted);

        var second = (await receiver.WaitForCountAsync(2, Wait))[1];
        Assert.Equal(first.Header("webhook-id"), second.Header("webhook-id"));
        Assert.Equal(first.BodyText, second.BodyText);
        if (await VerifyAsync(second, secret) is { } verdict) Assert.Equal("ok", verdict);
        var delivery = await WaitForDeliveryAsync(admin, hook, id, d => d["attempts"]!.AsArray().Count == 2 && d["status"]!.GetValue<string>() == "delivered", Wait);
        Assert.Equal(1, delivery["attemptCount"]!.GetValue<int>());
        using var missing = await admin.PostJsonAsync($"{Hooks}/{hook}/deliveries/{Guid.NewGuid()}/retry", "");
        await missing.ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LeaseTakeover_DeliveryLeasedByADeadSender_IsSentOnceTheLeaseRunsOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, secret, _) = await SubscribeAsync(admin, receiver.Url, "account.*");
        var contact = await writer.CreateAsync("contacts", """{ "lastName": "Orphan" }""");
        var seq = await SeqOfAsync(writer, contact.Id());

        var leaseUntil = DateTime.UtcNow.AddSeconds(3);
        var deliveryId = Guid.CreateVersion7();
        await WebhookSql.InsertLeasedDeliveryAsync(app, deliveryId, Guid.Parse(hook), seq, "contact.created", "dead-worker", leaseUntil);

        var request = Assert.Single(await receiver.WaitForCountAsync(1, Wait));
        Assert.True(request.ArrivedAt.UtcDateTime >= leaseUntil, $"sent at {request.ArrivedAt:O}, before the dead sender's lease ran out at {leaseUntil:O}");
        Assert.Equal(deliveryId, DeliveryId(request));
        Assert.Equal(contact.Id(), Body(request)["data"]!["id"]!.GetValue<string>());
        if (await VerifyAsync(request, secret) is { } verdict) Assert.Equal("ok", verdict);
        await WaitForDeliveryAsync(admin, hook, deliveryId, d => d["status"]!.GetValue<string>() == "delivered", Wait);
        await Task.Delay(500);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Retention_DeliveriesOlderThanTheWindow_AreDeletedWithTheirAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(Settings());
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var (hook, _, _) = await SubscribeAsync(admin, receiver.Url, "*");
        await writer.CreateAsync("contacts", """{ "lastName": "Old" }""");
        var request = (await receiver.WaitForCountAsync(1, Wait))[0];
        await WaitForDeliveryAsync(admin, hook, DeliveryId(request), d => d["status"]!.GetValue<string>() == "delivered", Wait);

        await WebhookSql.RunRetentionAsync(app, DateTime.UtcNow.AddMinutes(1));

        var page = await GetJsonAsync(admin, $"{Hooks}/{hook}/deliveries");
        Assert.Empty(page["data"]!.AsArray());
        using var gone = await admin.GetAsync($"{Hooks}/{hook}/deliveries/{DeliveryId(request)}");
        await gone.ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deliver_HostNameResolvingToAPrivateAddress_RefusedAtConnectAndLogged()
    {
        // A name passes the check when the subscription is saved; what it resolves to is checked at each connection.
        var host = System.Net.Dns.GetHostName();
        var addresses = await System.Net.Dns.GetHostAddressesAsync(host);
        if (addresses.Length == 0 || addresses.Any(Rapport.Integration.Webhooks.WebhookTargetGuard.IsPublic)) return;
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync([]);
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var writer = await app.ClientAsync("crm.read", "crm.write");
        var url = receiver.Url.Replace("127.0.0.1", host, StringComparison.Ordinal);
        var (hook, _, _) = await SubscribeAsync(admin, url, "contact.created");

        await writer.CreateAsync("contacts", """{ "lastName": "Inside" }""");

        var until = DateTime.UtcNow + Wait;
        JsonObject? delivery = null;
        while (delivery is null)
        {
            var page = await GetJsonAsync(admin, $"{Hooks}/{hook}/deliveries");
            if (page["data"]!.AsArray().FirstOrDefault(d => d!["attemptCount"]!.GetValue<int>() > 0) is { } tried) delivery = tried.AsObject();
            else if (DateTime.UtcNow > until) Assert.Fail("no attempt was logged");
            else await Task.Delay(50);
        }
        Assert.Equal("pending", delivery["status"]!.GetValue<string>());
        Assert.Contains("not a public address", delivery["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    private static async Task<long> SeqOfAsync(HttpClient reader, string recordId)
    {
        var feed = await GetJsonAsync(reader, $"{V1}/changes?limit=1000");
        return long.Parse(feed["data"]!.AsArray().Last(c => c!["id"]!.GetValue<string>() == recordId)!["seq"]!.GetValue<string>());
    }
}

public sealed class WebhookDeliveryTests_Sqlite : WebhookDeliveryTests
{
    protected override async Task<RapportApp?> StartAsync(Dictionary<string, string?> settings) => await RapportApp.StartSqliteAsync(settings: settings);
}

[Collection(PostgresCollection.Name)]
public sealed class WebhookDeliveryTests_Postgres(PostgresFixture pg) : WebhookDeliveryTests
{
    protected override Task<RapportApp?> StartAsync(Dictionary<string, string?> settings) => RapportApp.StartPostgresAsync(pg, settings: settings);
}
