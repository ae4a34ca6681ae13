using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Webhooks.WebhookKit;

namespace Rapport.IntegrationTests.Webhooks;

/// <summary>Several servers on one PostgreSQL database share the webhook work without sending an event twice.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WebhookScaleOutTests(PostgresFixture pg)
{
    private const int Events = 300;

    [Fact]
    public async Task TwoServers_300EventsWrittenThroughBoth_EachDeliveredExactlyOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var first = await RapportApp.StartPostgresAsync(pg, settings: Settings());
        if (first is null) return;
        await using var second = await first.StartPeerAsync(Settings());
        var admin = await first.ClientAsync("crm.admin");
        var (hook, secret, _) = await SubscribeAsync(admin, receiver.Url, "contact.created");

        var ids = await WriteThroughBothAsync(first, second);

        await receiver.WaitForAsync(r => r.Select(x => x.Header("webhook-id")).Distinct().Count() >= Events, TimeSpan.FromSeconds(30));
        var deliveries = await AllSettledAsync(admin, hook);
        var requests = receiver.Requests;
        Assert.Equal(Events, requests.Count);
        Assert.Equal(Events, requests.Select(r => r.Header("webhook-id")).Distinct().Count());
        Assert.Equal(ids.Order().ToList(), requests.Select(r => Body(r)["data"]!["id"]!.GetValue<string>()).Order().ToList());
        if (await VerifyAsync(requests[^1], secret) is { } verdict) Assert.Equal("ok", verdict);
        Assert.Equal(Events, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(("delivered", 1), (d["status"]!.GetValue<string>(), d["attemptCount"]!.GetValue<int>())));
    }

    [Fact]
    public async Task TwoServers_300RetriesClaimedByBoth_EachAttemptSentOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RespondWith(500);
        // The first attempts fail and their retries, due milliseconds later, are claimed by both servers' pollers at once.
        await using var first = await RapportApp.StartPostgresAsync(pg, settings: Settings(retryScale: 0.001));
        if (first is null) return;
        await using var second = await first.StartPeerAsync(Settings(retryScale: 0.001));
        var admin = await first.ClientAsync("crm.admin");
        var (hook, _, _) = await SubscribeAsync(admin, receiver.Url, "contact.created");

        await WriteThroughBothAsync(first, second);
        await receiver.WaitForAsync(r => r.Select(x => x.Header("webhook-id")).Distinct().Count() >= Events, TimeSpan.FromSeconds(30));
        receiver.RespondWith(200);

        await receiver.WaitForAsync(r => r.Count(x => x.AnsweredStatus == 200) >= Events, TimeSpan.FromSeconds(40));
        var deliveries = await AllSettledAsync(admin, hook);
        var sent = receiver.Requests.GroupBy(r => DeliveryId(r)).ToDictionary(g => g.Key, g => g.Select(r => r.AnsweredStatus).ToList());
        Assert.Equal(Events, sent.Count);
        Assert.All(sent.Values, statuses => Assert.Equal(200, Assert.Single(statuses, s => s == 200)));
        Assert.Contains(sent.Values, statuses => statuses.Count > 1);
        // Two senders sending the same attempt would both count it from the same start: the log would count fewer attempts than were sent.
        Assert.All(deliveries, d => Assert.Equal(("delivered", sent[Guid.Parse(d["id"]!.GetValue<string>())].Count),
            (d["status"]!.GetValue<string>(), d["attemptCount"]!.GetValue<int>())));
    }

    private static async Task<string[]> WriteThroughBothAsync(RapportApp first, RapportApp second)
    {
        var writers = new[] { await first.ClientAsync("crm.read", "crm.write"), await second.ClientAsync("crm.read", "crm.write") };
        var ids = new string[Events];
        await Parallel.ForAsync(0, Events, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            ids[i] = (await writers[i % 2].CreateAsync("contacts", $$"""{ "lastName": "Scale {{i}}" }""")).Id());
        return ids;
    }

    /// <summary>Every delivery of the subscription once none is pending any more (results are written just after the answers).</summary>
    private static async Task<List<JsonObject>> AllSettledAsync(HttpClient admin, string hook)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while ((await GetJsonAsync(admin, $"{Hooks}/{hook}/deliveries?status=pending&limit=1"))["data"]!.AsArray().Count > 0)
        {
            Assert.True(DateTime.UtcNow < until, "deliveries are still pending");
            await Task.Delay(100);
        }
        var all = new List<JsonObject>();
        for (string? cursor = null; ;)
        {
            var page = await GetJsonAsync(admin, $"{Hooks}/{hook}/deliveries?limit=1000{(cursor is null ? "" : "&cursor=" + cursor)}");
            all.AddRange(page["data"]!.AsArray().Select(d => d!.AsObject()));
            if ((cursor = page["nextCursor"]?.GetValue<string>()) is null) return all;
        }
    }
}
