using System.Net;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Api;

/// <summary>
/// A list page must show each record exactly as <c>GET /{object}/{id}</c> does, whichever way the page is
/// built (on SQLite the database writes the JSON of pages sorted by id).
/// </summary>
public abstract class ListJsonParityTests
{
    protected abstract Task<RapportApp?> StartAsync();

    [Fact]
    public async Task List_EveryKindOfValue_EqualsGetById()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin");
        foreach (var field in new[]
        {
            """{"name":"tier","type":"picklist","options":["gold","silver"]}""",
            """{"name":"ratio","type":"decimal"}""",
            """{"name":"vip","type":"boolean"}""",
            """{"name":"interests","type":"multipicklist","options":["golf","chess"]}""",
            """{"name":"since","type":"date"}""",
            """{"name":"notes","type":"text"}""",
        })
        {
            using var created = await client.PostJsonAsync($"{V1}/metadata/fields/accounts", field);
            await created.ExpectStatusAsync(HttpStatusCode.Created);
        }
        var parent = await client.CreateAsync("accounts", """{"name":"Parent"}""");
        await client.CreateAsync("accounts", $$$"""
            {"name":"Ünïcödé \"quoted\" \\ back\tslash 😀","domain":"acme.example","annualRevenue":1250000.50,"currency":"EUR","employees":42,
             "parentAccountId":"{{{parent.Id()}}}","billingAddress":{"street":"1 Main St","city":"Köln","country":"DE"},
             "externalIds":{"erp":"A-1","crm":"x"},
             "custom":{"tier":"gold","ratio":0.10,"vip":false,"interests":["golf","chess"],"since":"2020-02-29","notes":"line1\nline2"}}
            """);
        await client.CreateAsync("accounts", """{"name":"Sparse","custom":{"vip":true}}""");

        var (page, _) = await client.ListAsync("accounts", "limit=10");
        Assert.Equal(3, page.Count);
        foreach (var listed in page)
        {
            var single = await client.ReadAsync("accounts", listed.Id());
            Assert.True(JsonNode.DeepEquals(single, listed), $"list: {listed.ToJsonString()}\nget:  {single.ToJsonString()}");
        }

        var (projected, _) = await client.ListAsync("accounts", "fields=name,custom.vip,billingAddress&limit=10");
        foreach (var item in projected)
        {
            var full = page.Single(p => p.Id() == item.Id());
            Assert.Equal(["id", "name", "billingAddress", "custom"], item.Select(p => p.Key));
            Assert.True(JsonNode.DeepEquals(full["billingAddress"], item["billingAddress"]));
            Assert.True(JsonNode.DeepEquals(full["custom"]!["vip"], item["custom"]!["vip"]));
            Assert.Equal(["vip"], item["custom"]!.AsObject().Select(p => p.Key));
        }
    }
}

public sealed class ListJsonParityTests_Sqlite : ListJsonParityTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ListJsonParityTests_Postgres(PostgresFixture pg) : ListJsonParityTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
