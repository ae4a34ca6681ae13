using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Api.Changes;
using Rapport.Data.Changes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Changes;

/// <summary><c>GET /api/v1/changes</c> (contract §4): every write path leaves its change, in commit order, from a cursor.</summary>
public abstract class ChangeFeedTests
{
    protected abstract Task<RapportApp?> StartAsync();

    internal static async Task<(List<JsonObject> Data, string Next, bool HasMore)> ReadAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync($"{V1}/changes{(query.Length > 0 ? "?" + query : "")}");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        var body = await response.JsonObjectAsync();
        var next = body["nextCursor"].Str()!;
        Assert.Equal(next, response.Headers.GetValues("X-Next-Cursor").Single());
        return ([.. body["data"]!.AsArray().Select(c => c!.AsObject())], next, body["hasMore"]!.GetValue<bool>());
    }

    private static string Op(JsonObject change) => change["op"].Str()!;

    private static List<string> Fields(JsonObject change) => [.. change["changedFields"]!.AsArray().Select(f => f.Str()!)];

    [Fact]
    public async Task Changes_EveryRecordWritePath_AreInTheFeedInCommitOrder()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");
        var (_, start, _) = await ReadAsync(client);

        var contact = await client.CreateAsync("contacts", """{ "firstName": "Grace", "lastName": "Hopper", "emails": [{ "address": "grace@navy.example" }] }""");
        using (var patch = await client.PatchJsonAsync($"{V1}/contacts/{contact.Id()}", """{ "title": "Rear Admiral", "custom": {} }"""))
            await patch.ExpectStatusAsync(HttpStatusCode.OK);
        using (var same = await client.PatchJsonAsync($"{V1}/contacts/{contact.Id()}", """{ "title": "Rear Admiral" }"""))
            await same.ExpectStatusAsync(HttpStatusCode.OK);
        using (var delete = await client.DeleteAsync($"{V1}/contacts/{contact.Id()}"))
            await delete.ExpectStatusAsync(HttpStatusCode.NoContent);
        using (var restore = await client.PostJsonAsync($"{V1}/contacts/{contact.Id()}/restore", "{}"))
            await restore.ExpectStatusAsync(HttpStatusCode.OK);
        using (var upsert = await client.PutJsonAsync($"{V1}/accounts/external/erp/A-1", """{ "name": "Navy Labs" }"""))
            await upsert.ExpectStatusAsync(HttpStatusCode.Created);
        using (var batch = await client.PostJsonAsync($"{V1}/batch", """
            { "atomic": true, "operations": [
              { "method": "POST", "path": "/products", "body": { "name": "Compiler", "sku": "A-0" } },
              { "method": "PUT", "path": "/accounts/external/erp/A-1", "body": { "industry": "Defense" } } ] }
            """))
            await batch.ExpectStatusAsync(HttpStatusCode.OK);
        using (var failed = await client.PostJsonAsync($"{V1}/batch", """
            { "atomic": true, "operations": [
              { "method": "POST", "path": "/products", "body": { "name": "Never stored", "sku": "A-9" } },
              { "method": "POST", "path": "/products", "body": { "name": "" } } ] }
            """))
            Assert.True(failed.StatusCode != HttpStatusCode.OK || (await failed.JsonObjectAsync())["results"]![1]!["status"]!.GetValue<int>() >= 400);

        var (changes, next, more) = await ReadAsync(client, $"since={start}");
        Assert.False(more);
        Assert.Equal(["created", "updated", "deleted", "restored", "created", "created", "updated"], changes.Select(Op).ToList());
        Assert.Equal(["contacts", "contacts", "contacts", "contacts", "accounts", "products", "accounts"], changes.Select(c => c["object"].Str()!).ToList());
        var seqs = changes.Select(c => long.Parse(c["seq"].Str()!)).ToList();
        Assert.Equal(seqs.Order().ToList(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.Equal(seqs[^1].ToString(), next);

        var created = changes[0];
        Assert.Equal(contact.Id(), created["id"].Str());
        Assert.Contains("firstName", Fields(created));
        Assert.Contains("emails", Fields(created));
        Assert.DoesNotContain("title", Fields(created));
        Assert.Equal("Grace", created["record"]!["firstName"].Str());
        Assert.Equal(1, created["version"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(created["actor"]!["clientId"].Str()));
        Assert.Equal(created["record"]!["updatedAt"].Str(), created["at"].Str());
        Assert.True(created["actor"]!.AsObject().ContainsKey("userId"));
        Assert.Null(created["actor"]!["userId"]);
        Assert.False(created.ContainsKey("mergedInto"));

        Assert.Equal(["title"], Fields(changes[1]));
        Assert.Equal("Rear Admiral", changes[1]["record"]!["title"].Str());
        Assert.Equal(2, changes[1]["version"]!.GetValue<long>());
        Assert.Empty(Fields(changes[2]));
        Assert.Equal(["industry"], Fields(changes[6]));
        Assert.Contains("externalIds.erp", Fields(changes[4]));

        var (after, sameNext, _) = await ReadAsync(client, $"since={next}");
        Assert.Empty(after);
        Assert.Equal(next, sameNext);
    }

    [Fact]
    public async Task Changes_LimitAndObjects_PageThroughWithoutGapsOrRepeats()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");
        var (_, start, _) = await ReadAsync(client);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await client.CreateAsync("contacts", $$"""{ "lastName": "Person {{i}}" }""")).Id());
            await client.CreateAsync("accounts", $$"""{ "name": "Company {{i}}" }""");
        }

        var seen = new List<string>();
        var cursor = start;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 10);
            var (data, next, more) = await ReadAsync(client, $"since={cursor}&limit=3&objects=contacts");
            seen.AddRange(data.Select(c => c.Id()));
            Assert.All(data, c => Assert.Equal("contacts", c["object"].Str()));
            cursor = next;
            if (!more) break;
            Assert.Equal(3, data.Count);
        }
        Assert.Equal(ids, seen);
        var (all, _, _) = await ReadAsync(client, $"since={start}&objects=contacts,accounts&limit=100");
        Assert.Equal(14, all.Count);
    }

    [Fact]
    public async Task Changes_MergeAndUndo_RecordMergedRestoredAndMovedRelations()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");
        var survivor = await client.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        var merged = await client.CreateAsync("contacts", """{ "lastName": "Lovelace", "title": "Countess" }""");
        var opportunity = await client.CreateAsync("opportunities", $$"""{ "name": "Engine", "contactId": "{{merged.Id()}}" }""");
        var (_, start, _) = await ReadAsync(client);

        using var merge = await client.PostJsonAsync($"{V1}/contacts/merge", $$"""{ "survivorId": "{{survivor.Id()}}", "mergedIds": ["{{merged.Id()}}"] }""");
        await merge.ExpectStatusAsync(HttpStatusCode.OK);
        var (changes, next, _) = await ReadAsync(client, $"since={start}");
        var gone = Assert.Single(changes, c => Op(c) == "merged");
        Assert.Equal(merged.Id(), gone.Id());
        Assert.Equal(survivor.Id(), gone["mergedInto"].Str());
        var kept = Assert.Single(changes, c => c.Id() == survivor.Id());
        Assert.Equal("updated", Op(kept));
        Assert.Equal(["title"], Fields(kept));
        var moved = Assert.Single(changes, c => c["object"].Str() == "opportunities");
        Assert.Equal("updated", Op(moved));
        Assert.Equal(["contactId"], Fields(moved));
        Assert.Equal(survivor.Id(), moved["record"]!["contactId"].Str());

        using var undo = await client.PostJsonAsync($"{V1}/merges/{(await merge.JsonObjectAsync())["mergeId"].Str()}/undo", "{}");
        await undo.ExpectStatusAsync(HttpStatusCode.OK);
        var (undone, _, _) = await ReadAsync(client, $"since={next}");
        Assert.Equal("restored", Op(Assert.Single(undone, c => c.Id() == merged.Id())));
        Assert.Equal("updated", Op(Assert.Single(undone, c => c.Id() == survivor.Id())));
        Assert.Equal(merged.Id(), Assert.Single(undone, c => c.Id() == opportunity.Id())["record"]!["contactId"].Str());
    }

    [Fact]
    public async Task Changes_ImportJob_RecordsEveryCreatedAndUpdatedRow()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");
        var (_, start, _) = await ReadAsync(client);
        var csv = "externalIds.erp,lastName,title\nE1,Babbage,\nE2,Somerville,Scientist\nE3,,broken\n";
        var job = await Jobs.ImportAsync(client, "contacts", "people.csv", csv);
        Assert.Equal(2, job["counts"]!["created"]!.GetValue<int>());
        var job2 = await Jobs.ImportAsync(client, "contacts", "people.csv", "externalIds.erp,lastName,title\nE1,Babbage,Inventor\nE2,Somerville,Scientist\n",
            new Dictionary<string, string> { ["matchOn"] = "externalIds.erp", ["onDuplicate"] = "update" });
        Assert.Equal(1, job2["counts"]!["updated"]!.GetValue<int>());

        var (changes, _, _) = await ReadAsync(client, $"since={start}");
        Assert.Equal(["created", "created", "updated"], changes.Select(Op).ToList());
        Assert.Equal(["title"], Fields(changes[2]));
        Assert.Equal("Inventor", changes[2]["record"]!["title"].Str());
    }

    [Fact]
    public async Task Changes_CursorOlderThanRetention_Answers410AndTheFloorIsAFreshStart()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");
        var (_, start, _) = await ReadAsync(client);
        for (var i = 0; i < 3; i++) await client.CreateAsync("contacts", $$"""{ "lastName": "Old {{i}}" }""");
        var (old, _, _) = await ReadAsync(client, $"since={start}");
        Assert.Equal(3, old.Count);

        var retention = app.Services.GetRequiredService<ChangeRetention>();
        await retention.DeleteBeforeAsync(DateTime.UtcNow.AddSeconds(1), CancellationToken.None);
        var fresh = await client.CreateAsync("contacts", """{ "lastName": "New" }""");

        using var gone = await client.GetAsync($"{V1}/changes?since={start}");
        var problem = await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.Gone);
        Assert.Contains("retention", problem["detail"].Str());
        var floor = long.Parse(old[^1]["seq"].Str()!);
        var (fromBeginning, _, _) = await ReadAsync(client);
        Assert.Equal(fresh.Id(), Assert.Single(fromBeginning).Id());
        var (fromFloor, _, _) = await ReadAsync(client, $"since={floor}");
        Assert.Equal(fresh.Id(), Assert.Single(fromFloor).Id());
    }

    [Fact]
    public async Task Read_RetentionAndWritesWhileAPageStreams_PageIsTheSnapshotItsCursorWasTakenFrom()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");
        var (_, start, _) = await ReadAsync(client);
        for (var i = 0; i < 5; i++) await client.CreateAsync("contacts", $$"""{ "lastName": "Snapshot {{i}}" }""");
        var (expected, _, _) = await ReadAsync(client, $"since={start}&limit=3");
        var feed = app.Services.GetRequiredService<ChangeFeed>();

        // The page's cursor is decided and sent before its entries are read; what commits meanwhile must not change them.
        await using var page = await feed.ReadAsync(long.Parse(start), null, 3, asJson: true, CancellationToken.None);
        await app.Services.GetRequiredService<ChangeRetention>().DeleteBeforeAsync(DateTime.UtcNow.AddSeconds(1), CancellationToken.None);
        await client.CreateAsync("contacts", """{ "lastName": "After" }""");
        var json = new System.Buffers.ArrayBufferWriter<byte>();
        var flushes = 0;
        var count = await page.WriteJsonAsync(json, _ => { flushes++; return ValueTask.CompletedTask; }, CancellationToken.None);

        var streamed = JsonNode.Parse("[" + System.Text.Encoding.UTF8.GetString(json.WrittenSpan) + "]")!.AsArray();
        Assert.Equal(3, count);
        Assert.Equal(expected.Select(c => c["seq"].Str()), streamed.Select(c => c!["seq"].Str()));
        Assert.True(page.HasMore);
        Assert.Equal(expected[^1]["seq"].Str(), page.Next.ToString());
        Assert.Equal(0, flushes);
        using var gone = await client.GetAsync($"{V1}/changes?since={start}");
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Changes_BadParametersAndFormats_AreRefusedClearly_XmlAndCloudEventsAreOffered()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");
        var contact = await client.CreateAsync("contacts", """{ "lastName": "Turing" }""");
        foreach (var (query, field) in new[] { ("since=abc", "since"), ("since=-1", "since"), ("limit=0", "limit"), ("limit=10001", "limit"), ("objects=spaceships", "objects"), ("sinse=4", "sinse") })
        {
            using var bad = await client.GetAsync($"{V1}/changes?{query}");
            await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, field);
        }
        using (var csv = await client.GetAsync($"{V1}/changes", "text/csv"))
            await ProblemAssert.IsProblemAsync(csv, HttpStatusCode.NotAcceptable);
        using (var anonymous = await app.Anonymous.GetAsync($"{V1}/changes"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using (var xml = await client.GetAsync($"{V1}/changes", "application/xml"))
        {
            await xml.ExpectStatusAsync(HttpStatusCode.OK);
            var doc = System.Xml.Linq.XDocument.Parse(await xml.Content.ReadAsStringAsync());
            Assert.Contains(doc.Descendants(), e => e.Value == contact.Id());
        }

        using var events = await client.GetAsync($"{V1}/changes", "application/cloudevents-batch+json");
        await events.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/cloudevents-batch+json", events.Content.Headers.ContentType?.MediaType);
        var batch = (await events.JsonAsync()).AsArray();
        var e = batch.Single(x => x!["subject"].Str() == contact.Id())!;
        Assert.Equal("1.0", e["specversion"].Str());
        Assert.Equal("com.rapport.contact.created", e["type"].Str());
        Assert.Equal("/api/v1/contacts", e["source"].Str());
        Assert.False(string.IsNullOrEmpty(e["id"].Str()));
        Assert.Equal("Turing", e["data"]!["lastName"].Str());
    }

    [Fact]
    public async Task ReadJson_EveryKindOfEntry_SameJsonAsTheRowWriter()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");
        await client.CreateAsync("contacts", """{ "lastName": "Quote \" and \\ back", "title": "é ü 日本" }""");
        var db = app.Services.GetRequiredService<Rapport.Api.Infrastructure.Database>();
        await db.WriteAsync(async (s, ct) =>
        {
            await ChangeStore.AddAsync(s, [new ChangeEntry("contacts", Guid.NewGuid(), ChangeOps.Merged, DateTime.UtcNow, 3, "rpc_parity",
                Guid.NewGuid(), """["lastName"]""", """{"lastName":"Gone"}""", Guid.NewGuid())], ct);
            return 0;
        }, CancellationToken.None);
        await ChangeStore.SequenceAsync(db.Dialect, CancellationToken.None);

        await using var session = await db.ReadAsync(CancellationToken.None);
        var last = await ChangeStore.LastSeqAsync(session, CancellationToken.None);
        var rows = await ChangeStore.ReadAsync(session, 0, last, null, 100, CancellationToken.None);
        var json = new System.Buffers.ArrayBufferWriter<byte>();
        var count = await ChangeStore.WriteJsonAsync(session, 0, last, null, json, _ => ValueTask.CompletedTask, CancellationToken.None);
        var documents = JsonNode.Parse("[" + System.Text.Encoding.UTF8.GetString(json.WrittenSpan) + "]")!.AsArray();

        Assert.Equal(rows.Count, count);
        Assert.Equal(rows.Select(r => r.Seq.ToString()), documents.Select(d => d!["seq"].Str()));
        Assert.Contains(rows, r => r.UserId is not null && r.MergedInto is not null);
        foreach (var (row, document) in rows.Zip(documents))
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var w = new System.Text.Json.Utf8JsonWriter(buffer)) ChangeJson.WriteEntry(w, row);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(buffer.WrittenSpan), document),
                $"{System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)}\n!=\n{document!.ToJsonString()}");
        }
    }
}

public sealed class ChangeFeedTests_Sqlite : ChangeFeedTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ChangeFeedTests_Postgres(PostgresFixture pg) : ChangeFeedTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
