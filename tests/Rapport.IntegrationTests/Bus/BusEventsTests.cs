using System.Net;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Bus;

/// <summary>
/// With <c>RAPPORT_RABBITMQ</c> set, every change reaches the <c>rapport.events</c> exchange as a CloudEvent
/// (contract §4), and a broker outage delays events without losing any.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class BusEventsTests(RabbitMqFixture rabbit, PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static Dictionary<string, string?> Settings(string amqp) => new() { ["RAPPORT_RABBITMQ"] = amqp };

    private static JsonObject Event(ReceivedMessage m) => JsonNode.Parse(m.Body)!.AsObject();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Events_EveryChange_ArrivesAsACloudEventWithItsRoutingKey(string database)
    {
        var broker = rabbit.TryGetServer();
        if (broker is null) return;
        await using var consumer = await AmqpTestConsumer.OpenAsync(broker.AmqpUri);
        var queue = await consumer.DeclareBoundQueueAsync("contact.*");
        await using var app = database == "sqlite"
            ? await RapportApp.StartSqliteAsync(settings: Settings(broker.AmqpUri))
            : await RapportApp.StartPostgresAsync(pg, settings: Settings(broker.AmqpUri));
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");

        var contact = await client.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        await client.CreateAsync("accounts", """{ "name": "Not routed to contact.*" }""");
        using (var patch = await client.PatchJsonAsync($"{V1}/contacts/{contact.Id()}", """{ "title": "Countess" }"""))
            await patch.ExpectStatusAsync(HttpStatusCode.OK);
        using (var delete = await client.DeleteAsync($"{V1}/contacts/{contact.Id()}"))
            await delete.ExpectStatusAsync(HttpStatusCode.NoContent);

        var received = await consumer.ReceiveAsync(queue, 3);
        Assert.Equal(["contact.created", "contact.updated", "contact.deleted"], received.Select(m => m.RoutingKey).ToList());
        Assert.All(received, m =>
        {
            Assert.Equal("application/cloudevents+json", m.ContentType);
            Assert.Equal(DeliveryModes.Persistent, m.DeliveryMode);
            var e = Event(m);
            Assert.Equal("1.0", e["specversion"].Str());
            Assert.Equal(m.MessageId, e["id"].Str());
            Assert.Equal("com.rapport." + m.RoutingKey, e["type"].Str());
            Assert.Equal(m.Type, e["type"].Str());
            Assert.Equal(contact.Id(), e["subject"].Str());
            Assert.Equal("/api/v1/contacts", e["source"].Str());
            Assert.Equal("Lovelace", e["data"]!["lastName"].Str());
        });
        Assert.Equal("Countess", Event(received[1])["data"]!["title"].Str());

        // The CloudEvent ids are the feed's seqs: the same change has the same id on the bus and in the feed.
        var (changes, _, _) = await Changes.ChangeFeedTests.ReadAsync(client, "objects=contacts");
        Assert.Equal(changes.Select(c => c["seq"].Str()).ToList(), received.Select(m => m.MessageId).ToList());
    }

    [Fact]
    public async Task Events_BrokerStoppedDuringABurstOfWrites_EveryEventArrivesAfterItStartsAgain()
    {
        var broker = rabbit.TryGetServer();
        if (broker is null) return;
        var queue = $"rapport-test-burst-{Guid.NewGuid():N}";
        await using (var setup = await AmqpTestConsumer.OpenAsync(broker.AmqpUri))
            await setup.DeclareBoundQueueAsync("#", queue); // durable: keeps what arrived before the outage
        await using var app = await RapportApp.StartSqliteAsync(settings: Settings(broker.AmqpUri));
        var client = await app.ClientAsync("crm.read", "crm.write");

        var ids = new List<string>();
        try
        {
            for (var i = 0; i < 150; i++)
            {
                if (i == 50) await broker.StopAsync();
                // Writes go on while the broker is down: the events wait in the change table.
                ids.Add((await client.CreateAsync("contacts", $$"""{ "lastName": "Burst {{i}}" }""")).Id());
            }
            using (var ready = await app.Anonymous.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                Assert.Equal("down", (await ready.JsonObjectAsync())["checks"]!["bus"]!["status"].Str());
            }
        }
        finally
        {
            if (!broker.IsRunning) await broker.StartAsync();
        }

        await using var consumer = await AmqpTestConsumer.OpenAsync(broker.AmqpUri);
        var received = new List<ReceivedMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var subjects = new HashSet<string>();
        while (subjects.Count < ids.Count && DateTime.UtcNow < deadline)
        {
            var got = await consumer.Channel.BasicGetAsync(queue, autoAck: true);
            if (got is null) { await Task.Delay(50); continue; }
            var m = new ReceivedMessage(got.RoutingKey, got.BasicProperties.MessageId, got.BasicProperties.Type, got.BasicProperties.ContentType,
                got.BasicProperties.DeliveryMode, got.BasicProperties.Timestamp.UnixTime, got.Body.ToArray());
            received.Add(m);
            subjects.Add(Event(m)["subject"].Str()!);
        }
        Assert.Equal(ids.Order().ToList(), subjects.Order().ToList());
        // At least once: a batch cut off by the outage may come twice, with the same id.
        Assert.Equal(ids.Count, received.Select(m => m.MessageId).Distinct().Count());
        using var readyAgain = await app.Anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
        Assert.Equal("up", (await readyAgain.JsonObjectAsync())["checks"]!["bus"]!["status"].Str());
        await consumer.Channel.QueueDeleteAsync(queue);
    }
}
