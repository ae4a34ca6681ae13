using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Webhooks.WebhookKit;

namespace Rapport.IntegrationTests.Webhooks;

/// <summary><c>/api/v1/webhooks</c> (contract §4): subscriptions, their scope, validation and the SSRF guard.</summary>
public abstract class WebhookSubscriptionsApiTests
{
    protected abstract Task<RapportApp?> StartAsync(Dictionary<string, string?>? settings = null);

    [Fact]
    public async Task Webhooks_CreateGetListPatchDelete_RoundTrip()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");

        using var create = await admin.PostJsonAsync(Hooks, """{ "url": "https://hooks.example.com/rapport", "events": ["contact.*", "account.created", "contact.*"], "description": "ERP sync" }""");
        await create.ExpectStatusAsync(HttpStatusCode.Created);
        var created = await create.JsonObjectAsync();
        var id = created["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/webhooks/{id}", create.Headers.Location!.OriginalString);
        Assert.StartsWith("whsec_", created["secret"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["contact.*", "account.created"], created["events"]!.AsArray().Select(e => e!.GetValue<string>()).ToList());
        Assert.True(created["active"]!.GetValue<bool>());
        Assert.Equal("active", created["status"]!.GetValue<string>());
        Assert.Equal("ERP sync", created["description"]!.GetValue<string>());

        var read = await GetJsonAsync(admin, $"{Hooks}/{id}");
        Assert.Null(read["secret"]);
        Assert.Equal("https://hooks.example.com/rapport", read["url"]!.GetValue<string>());
        var list = await GetJsonAsync(admin, Hooks);
        Assert.Equal([id], list["data"]!.AsArray().Select(w => w!["id"]!.GetValue<string>()).ToList());
        Assert.DoesNotContain("whsec_", list.ToJsonString(), StringComparison.Ordinal);

        using (var patch = await admin.PatchJsonAsync($"{Hooks}/{id}", """{ "events": ["*"], "description": null, "url": "https://hooks.example.com/v2" }"""))
        {
            await patch.ExpectStatusAsync(HttpStatusCode.OK);
            var patched = await patch.JsonObjectAsync();
            Assert.Equal(["*"], patched["events"]!.AsArray().Select(e => e!.GetValue<string>()).ToList());
            Assert.Null(patched["description"]);
            Assert.Equal("https://hooks.example.com/v2", patched["url"]!.GetValue<string>());
            Assert.True(DateTime.Parse(patched["updatedAt"]!.GetValue<string>()) > DateTime.Parse(created["updatedAt"]!.GetValue<string>()));
        }
        using (var off = await admin.PatchJsonAsync($"{Hooks}/{id}", """{ "active": false }"""))
        {
            var switchedOff = await off.JsonObjectAsync();
            Assert.False(switchedOff["active"]!.GetValue<bool>());
            Assert.Equal("disabled", switchedOff["status"]!.GetValue<string>());
        }
        var deliveries = await GetJsonAsync(admin, $"{Hooks}/{id}/deliveries?status=pending&limit=10");
        Assert.Empty(deliveries["data"]!.AsArray());
        Assert.Null(deliveries["nextCursor"]);

        using (var delete = await admin.DeleteAsync($"{Hooks}/{id}"))
            await delete.ExpectStatusAsync(HttpStatusCode.NoContent);
        using (var gone = await admin.GetAsync($"{Hooks}/{id}"))
            await gone.ExpectStatusAsync(HttpStatusCode.NotFound);
        using (var again = await admin.DeleteAsync($"{Hooks}/{id}"))
            await again.ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Webhooks_WithoutAdminScope_Answer403AndWithoutToken401()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var writer = await app.ClientAsync("crm.read", "crm.write", "crm.bulk");

        using (var list = await writer.GetAsync(Hooks))
            await list.ExpectStatusAsync(HttpStatusCode.Forbidden);
        using (var create = await writer.PostJsonAsync(Hooks, """{ "url": "https://hooks.example.com/", "events": ["*"] }"""))
            await create.ExpectStatusAsync(HttpStatusCode.Forbidden);
        using (var anonymous = await app.Anonymous.GetAsync(Hooks))
            await anonymous.ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Create_InvalidFields_Answer400NamingEachField()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");

        using var bad = await admin.PostJsonAsync(Hooks, """{ "url": "ftp://files.example.com/", "events": ["contacts.created", "contact.exploded", "contact", 7], "active": "yes", "secret": "mine" }""");
        await bad.ExpectStatusAsync(HttpStatusCode.BadRequest);
        var errors = (await bad.JsonObjectAsync())["errors"]!.AsObject();
        Assert.Equal(["active", "events", "secret", "url"], errors.Select(e => e.Key).Order().ToList());
        Assert.Contains("http", errors["url"]![0]!.GetValue<string>());
        var events = errors["events"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Equal(4, events.Count);
        Assert.Contains(events, m => m.Contains("'contacts'", StringComparison.Ordinal) && m.Contains("contact,", StringComparison.Ordinal));
        Assert.Contains(events, m => m.Contains("'exploded'", StringComparison.Ordinal));

        using (var missing = await admin.PostJsonAsync(Hooks, "{}"))
        {
            await missing.ExpectStatusAsync(HttpStatusCode.BadRequest);
            var missingErrors = (await missing.JsonObjectAsync())["errors"]!.AsObject();
            Assert.Equal(["events", "url"], missingErrors.Select(e => e.Key).Order().ToList());
        }
        using (var empty = await admin.PostJsonAsync(Hooks, """{ "url": "https://hooks.example.com/", "events": [] }"""))
            await empty.ExpectStatusAsync(HttpStatusCode.BadRequest);
        using (var wildcards = await admin.PostJsonAsync(Hooks, """{ "url": "https://hooks.example.com/", "events": ["*.deleted", "*.*", "*", "order.merged"] }"""))
            await wildcards.ExpectStatusAsync(HttpStatusCode.Created);
        using (var rotate = await admin.PostJsonAsync($"{Hooks}/{Guid.NewGuid()}/rotate-secret", """{ "overlapHours": -1 }"""))
            await rotate.ExpectStatusAsync(HttpStatusCode.BadRequest);
        using (var badLimit = await admin.GetAsync($"{Hooks}/{Guid.NewGuid()}/deliveries?status=lost"))
            await badLimit.ExpectStatusAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task Create_PrivateTarget_RefusedUnlessAllowed(string url)
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var body = new JsonObject { ["url"] = url, ["events"] = new JsonArray("*") }.ToJsonString();

        using var refused = await admin.PostJsonAsync(Hooks, body);
        await refused.ExpectStatusAsync(HttpStatusCode.BadRequest);
        var problem = await refused.JsonObjectAsync();
        Assert.Contains("RAPPORT_WEBHOOKS_ALLOW_PRIVATE", problem["errors"]!["url"]![0]!.GetValue<string>());
        using (var list = await admin.GetAsync(Hooks))
            Assert.Empty((await list.JsonObjectAsync())["data"]!.AsArray());

        await using var allowing = await StartAsync(Settings());
        if (allowing is null) return;
        var allowedAdmin = await allowing.ClientAsync("crm.admin");
        using var allowed = await allowedAdmin.PostJsonAsync(Hooks, body);
        await allowed.ExpectStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Patch_PrivateTarget_RefusedAndNothingChanges()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var (id, _, _) = await SubscribeAsync(admin, "https://hooks.example.com/", "*");

        using var patch = await admin.PatchJsonAsync($"{Hooks}/{id}", """{ "url": "http://10.1.2.3/", "events": ["lead.*"] }""");
        await patch.ExpectStatusAsync(HttpStatusCode.BadRequest);
        var read = await GetJsonAsync(admin, $"{Hooks}/{id}");
        Assert.Equal("https://hooks.example.com/", read["url"]!.GetValue<string>());
        Assert.Equal(["*"], read["events"]!.AsArray().Select(e => e!.GetValue<string>()).ToList());
    }

    [Fact]
    public async Task Webhooks_Xml_ReadAndAnsweredInXml()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        using var create = new HttpRequestMessage(HttpMethod.Post, Hooks)
        {
            Content = Content("<webhook><url>https://hooks.example.com/</url><events><item>contact.*</item><item>*.deleted</item></events></webhook>", "application/xml"),
        };
        create.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        using var created = await admin.SendAsync(create);
        await created.ExpectStatusAsync(HttpStatusCode.Created);
        var createdXml = System.Xml.Linq.XDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.StartsWith("whsec_", createdXml.Root!.Element("secret")!.Value, StringComparison.Ordinal);
        var id = createdXml.Root.Element("id")!.Value;

        using var response = await admin.GetAsync($"{Hooks}/{id}", "application/xml");
        await response.ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("webhook", xml.Root!.Name.LocalName);
        Assert.Equal("https://hooks.example.com/", xml.Root.Element("url")!.Value);
        Assert.Equal(["contact.*", "*.deleted"], xml.Root.Element("events")!.Elements().Select(e => e.Value).ToList());
        using var csv = await admin.GetAsync(Hooks, "text/csv");
        await csv.ExpectStatusAsync(HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task RotateSecret_WithoutBody_KeepsTheOldSecretFor24Hours()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await app.ClientAsync("crm.admin");
        var (id, secret, _) = await SubscribeAsync(admin, "https://hooks.example.com/", "*");

        using var rotate = await admin.PostAsync($"{Hooks}/{id}/rotate-secret", null);
        await rotate.ExpectStatusAsync(HttpStatusCode.OK);
        var rotated = await rotate.JsonObjectAsync();
        Assert.NotEqual(secret, rotated["secret"]!.GetValue<string>());
        var until = DateTime.Parse(rotated["previousSecretExpiresAt"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(until - DateTime.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));

        using var immediate = await admin.PostJsonAsync($"{Hooks}/{id}/rotate-secret", """{ "overlapHours": 0 }""");
        Assert.Null((await immediate.JsonObjectAsync())["previousSecretExpiresAt"]);
    }
}

public sealed class WebhookSubscriptionsApiTests_Sqlite : WebhookSubscriptionsApiTests
{
    protected override async Task<RapportApp?> StartAsync(Dictionary<string, string?>? settings = null) => await RapportApp.StartSqliteAsync(settings: settings);
}

[Collection(PostgresCollection.Name)]
public sealed class WebhookSubscriptionsApiTests_Postgres(PostgresFixture pg) : WebhookSubscriptionsApiTests
{
    protected override Task<RapportApp?> StartAsync(Dictionary<string, string?>? settings = null) => RapportApp.StartPostgresAsync(pg, settings: settings);
}
