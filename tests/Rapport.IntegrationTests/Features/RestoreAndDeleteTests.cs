using System.Net;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;

namespace Rapport.IntegrationTests.Features;

/// <summary>Soft delete and <c>POST /{object}/{id}/restore</c> (contract §3), and how they meet unique values and external ids.</summary>
public abstract class RestoreAndDeleteTests
{
    /// <summary>Starts the app on a fresh database; null when that database is unavailable and the test may be skipped.</summary>
    protected abstract Task<RapportApp?> StartAsync();

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string url, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> RestoreAsync(HttpClient client, string objectName, string id) =>
        client.PostAsync($"{V1}/{objectName}/{id}/restore", null);

    private const string Seat = """{ "name": "Rapport Cloud seat", "sku": "RC-SEAT-01", "price": 49.90, "currency": "EUR", "family": "Subscriptions" }""";

    [Fact]
    public async Task Restore_SkuNowHeldByAnotherProduct_Returns409NamingSkuAndStaysDeleted()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var first = await client.CreateAsync("products", Seat);
        using var delete = await DeleteAsync(client, $"{V1}/products/{first.Id()}");
        await delete.ExpectStatusAsync(HttpStatusCode.NoContent);

        var second = await client.CreateAsync("products", """{ "name": "Rapport Cloud seat (2026)", "sku": "RC-SEAT-01", "price": 54.90, "currency": "EUR" }""");
        using var restore = await RestoreAsync(client, "products", first.Id());

        await ProblemAssert.IsProblemAsync(restore, HttpStatusCode.Conflict, "sku");
        using var stillDeleted = await client.GetAsync($"{V1}/products/{first.Id()}");
        await ProblemAssert.IsProblemAsync(stillDeleted, HttpStatusCode.NotFound);
        var (live, _) = await client.ListAsync("products", "sku=RC-SEAT-01");
        Assert.Equal(second.Id(), Assert.Single(live).Id());
    }

    [Fact]
    public async Task Restore_AfterDelete_Returns200WithTheRecordAndANewVersion()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var product = await client.CreateAsync("products", Seat);
        using var delete = await DeleteAsync(client, $"{V1}/products/{product.Id()}", "\"1\"");
        await delete.ExpectStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await client.CountAsync("products"));

        using var restore = await RestoreAsync(client, "products", product.Id());

        await restore.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"3\"", restore.ETag());
        var restored = await restore.JsonObjectAsync();
        Assert.Equal(product.Id(), restored.Id());
        Assert.Equal("RC-SEAT-01", restored["sku"].Str());
        Assert.Equal(3, restored["version"]!.GetValue<long>());
        Assert.Equal(1, await client.CountAsync("products"));
    }

    [Fact]
    public async Task Delete_StaleIfMatch_Returns412AndKeepsTheRecord()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var product = await client.CreateAsync("products", Seat);
        using var patch = await client.PatchJsonAsync($"{V1}/products/{product.Id()}", """{ "price": 52.00 }""");
        await patch.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", patch.ETag());

        using var stale = await DeleteAsync(client, $"{V1}/products/{product.Id()}", "\"1\"");

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        var read = await client.ReadAsync("products", product.Id());
        Assert.Equal(2, read["version"]!.GetValue<long>());
        using var current = await DeleteAsync(client, $"{V1}/products/{product.Id()}", "\"2\"");
        await current.ExpectStatusAsync(HttpStatusCode.NoContent);
        using var gone = await client.GetAsync($"{V1}/products/{product.Id()}");
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restore_RecordThatIsNotDeleted_Returns200Unchanged()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var product = await client.CreateAsync("products", Seat);

        using var restore = await RestoreAsync(client, "products", product.Id());

        await restore.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", restore.ETag());
        var body = await restore.JsonObjectAsync();
        Assert.Equal(1, body["version"]!.GetValue<long>());
        Assert.Equal(product["updatedAt"].Str(), body["updatedAt"].Str());
        var read = await client.ReadAsync("products", product.Id());
        Assert.Equal(1, read["version"]!.GetValue<long>());
        Assert.Equal(product["updatedAt"].Str(), read["updatedAt"].Str());
    }

    [Fact]
    public async Task Upsert_ExternalIdOfADeletedRecord_Returns409MentioningRestore()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        const string order = """
            { "number": "SO-3001", "status": "confirmed", "currency": "EUR",
              "lines": [{ "sku": "RC-SEAT-01", "description": "Rapport Cloud seat", "quantity": 5, "unitPrice": 49.90 }] }
            """;
        using var created = await client.PutJsonAsync($"{V1}/orders/external/erp/SO-3001", order);
        await created.ExpectStatusAsync(HttpStatusCode.Created);
        var id = (await created.JsonObjectAsync()).Id();
        using var delete = await DeleteAsync(client, $"{V1}/orders/{id}");
        await delete.ExpectStatusAsync(HttpStatusCode.NoContent);

        using var upsert = await client.PutJsonAsync($"{V1}/orders/external/erp/SO-3001", order);

        var problem = await ProblemAssert.IsProblemAsync(upsert, HttpStatusCode.Conflict);
        Assert.Contains("restore", problem["detail"].Str(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await client.CountAsync("orders"));

        using var restore = await RestoreAsync(client, "orders", id);
        await restore.ExpectStatusAsync(HttpStatusCode.OK);
        using var again = await client.PutJsonAsync($"{V1}/orders/external/erp/SO-3001", order.Replace("confirmed", "fulfilled"));
        await again.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal(id, (await again.JsonObjectAsync()).Id());
    }

    [Fact]
    public async Task Restore_UniqueCustomValueNowHeldByAnotherRecord_Returns409NamingTheCustomField()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await app.ClientAsync("crm.read", "crm.write", "crm.admin");
        using var field = await admin.PostJsonAsync($"{V1}/metadata/fields/contacts", """{ "name": "code", "label": "Customer code", "type": "text", "unique": true }""");
        await field.ExpectStatusAsync(HttpStatusCode.Created);
        var first = await admin.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace", "custom": { "code": "C-100" } }""");
        using var delete = await DeleteAsync(admin, $"{V1}/contacts/{first.Id()}");
        await delete.ExpectStatusAsync(HttpStatusCode.NoContent);
        await admin.CreateAsync("contacts", """{ "firstName": "Grace", "lastName": "Hopper", "custom": { "code": "C-100" } }""");

        using var restore = await RestoreAsync(admin, "contacts", first.Id());

        await ProblemAssert.IsProblemAsync(restore, HttpStatusCode.Conflict, "custom.code");
        var (holders, _) = await admin.ListAsync("contacts", "custom.code=C-100");
        Assert.Single(holders);
    }
}

public sealed class RestoreAndDeleteTests_Sqlite : RestoreAndDeleteTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class RestoreAndDeleteTests_Postgres(PostgresFixture pg) : RestoreAndDeleteTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
