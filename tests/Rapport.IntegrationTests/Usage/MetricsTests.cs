using System.Net;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Usage.UsageKit;

namespace Rapport.IntegrationTests.Usage;

/// <summary><c>GET /metrics</c>: requests by operation, status and client, latency histograms and the database's figures, in a format promtool accepts.</summary>
public abstract class MetricsTests
{
    protected abstract Task<RapportApp?> StartAsync(IReadOnlyDictionary<string, string?>? settings = null);

    [Fact]
    public async Task Metrics_AfterCalls_CountsThemByOperationStatusAndClient()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (http, clientId) = await ClientAsync(app, "crm.read", "crm.write");
        var contact = await http.CreateAsync("contacts", """{ "firstName": "Ada", "lastName": "Lovelace" }""");
        for (var i = 0; i < 2; i++)
            using (var read = await http.GetAsync($"{V1}/contacts/{contact.Id()}"))
                await read.ExpectStatusAsync(HttpStatusCode.OK);
        using (var missing = await http.GetAsync($"{V1}/accounts/{Guid.CreateVersion7()}"))
            await missing.ExpectStatusAsync(HttpStatusCode.NotFound);
        using (var anonymous = await app.Anonymous.GetAsync($"{V1}/contacts/{contact.Id()}"))
            await anonymous.ExpectStatusAsync(HttpStatusCode.Unauthorized);
        using (var forbidden = await http.GetAsync($"{V1}/webhooks"))
            await forbidden.ExpectStatusAsync(HttpStatusCode.Forbidden);
        using (var nowhere = await app.Anonymous.GetAsync("/no/such/route"))
            await nowhere.ExpectStatusAsync(HttpStatusCode.NotFound);

        var metrics = await MetricsAsync(app);

        Assert.Equal(1, Sample(metrics, Requests("POST /api/v1/contacts", 201, clientId, "POST")));
        Assert.Equal(2, Sample(metrics, Requests("GET /api/v1/contacts/{id}", 200, clientId)));
        Assert.Equal(1, Sample(metrics, Requests("GET /api/v1/accounts/{id}", 404, clientId)));
        Assert.Equal(1, Sample(metrics, Requests("GET /api/v1/contacts/{id}", 401, "anonymous")));
        Assert.Equal(1, Sample(metrics, Requests("GET /api/v1/webhooks", 403, clientId)));
        Assert.Equal(1, Sample(metrics, Requests("unmatched", 404, "anonymous")));
        Assert.Equal(1, Sample(metrics, Requests("POST /oauth/token", 200, clientId, "POST")));
        Assert.Equal(3, Sample(metrics, "rapport_http_request_duration_seconds_count{protocol=\"rest\",operation=\"GET /api/v1/contacts/{id}\",method=\"GET\"}"));
        Assert.Equal(3, Sample(metrics, "rapport_http_request_duration_seconds_bucket{protocol=\"rest\",operation=\"GET /api/v1/contacts/{id}\",method=\"GET\",le=\"+Inf\"}"));
        Assert.True(Sample(metrics, "rapport_http_request_duration_seconds_sum{protocol=\"rest\",operation=\"GET /api/v1/contacts/{id}\",method=\"GET\"}") > 0);
        Assert.Equal(1, Sample(metrics, $"rapport_db_info{{provider=\"{app.Target.Provider.ToString().ToLowerInvariant()}\"}}"));
        Assert.Equal(1, Sample(metrics, "rapport_db_up"));
        Assert.True(Sample(metrics, "rapport_change_feed_last_seq") >= 1);
    }

    [Fact]
    public async Task Metrics_WebhooksAndJobs_AreCountedFromTheDatabase()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (admin, _) = await ClientAsync(app, "crm.read", "crm.write", "crm.admin", "crm.bulk");
        using (var hook = await admin.PostJsonAsync($"{V1}/webhooks", """{ "url": "https://hooks.example.com/rapport", "events": ["contact.*"] }"""))
            await hook.ExpectStatusAsync(HttpStatusCode.Created);
        using (var off = await admin.PostJsonAsync($"{V1}/webhooks", """{ "url": "https://hooks.example.com/off", "events": ["*"], "active": false }"""))
            await off.ExpectStatusAsync(HttpStatusCode.Created);
        using (var export = await admin.PostJsonAsync($"{V1}/jobs/export", """{ "object": "contacts", "format": "csv" }"""))
            Assert.True(export.IsSuccessStatusCode, await export.Content.ReadAsStringAsync());

        var metrics = await MetricsAsync(app);

        Assert.Equal(1, Sample(metrics, "rapport_webhook_subscriptions{status=\"active\"}"));
        Assert.Equal(1, Sample(metrics, "rapport_webhook_subscriptions{status=\"disabled\"}"));
        Assert.Equal(0, Sample(metrics, "rapport_webhook_subscriptions{status=\"failing\"}"));
        Assert.NotNull(Sample(metrics, "rapport_webhook_deliveries{status=\"pending\"}"));
        Assert.Equal(1, metrics.Split('\n').Where(l => l.StartsWith("rapport_jobs{kind=\"export\",", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Metrics_RecordingOff_CountsNoRequestsButShowsTheDatabase()
    {
        await using var app = await StartAsync(new Dictionary<string, string?> { ["RAPPORT_USAGE"] = "off" });
        if (app is null) return;
        var (http, _) = await ClientAsync(app, "crm.read");
        using (await http.GetAsync($"{V1}/contacts")) { }

        var metrics = await MetricsAsync(app);

        Assert.DoesNotContain("rapport_http_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE rapport_http_requests_total counter", metrics, StringComparison.Ordinal);
        Assert.Equal(1, Sample(metrics, "rapport_db_up"));
    }

    [Fact]
    public async Task Metrics_RealOutput_PassesPromtoolCheck()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var (http, _) = await ClientAsync(app, "crm.read", "crm.write", "crm.admin");
        await http.CreateAsync("accounts", """{ "name": "Acme" }""");
        using (await http.GetAsync($"{V1}/accounts?name=Acme")) { }
        using (await http.GetAsync($"{V1}/nope/{Guid.CreateVersion7()}")) { }
        using (await http.PostJsonAsync($"{V1}/webhooks", """{ "url": "https://hooks.example.com/x", "events": ["*"] }""")) { }
        using (await app.Anonymous.GetAsync("/\"quoted\\path\"")) { }

        var metrics = await MetricsAsync(app);
        var check = await Promtool.CheckAsync(metrics);
        if (check is null) return;

        Assert.True(check.Value.ExitCode == 0 && check.Value.Output.Length == 0,
            $"promtool check metrics (exit {check.Value.ExitCode}):\n{check.Value.Output}\n--- the metrics ---\n{metrics}");
    }
}

public sealed class MetricsTests_Sqlite : MetricsTests
{
    protected override async Task<RapportApp?> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) => await RapportApp.StartSqliteAsync(settings: settings);
}

[Collection(PostgresCollection.Name)]
public sealed class MetricsTests_Postgres(PostgresFixture pg) : MetricsTests
{
    protected override Task<RapportApp?> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) => RapportApp.StartPostgresAsync(pg, settings: settings);
}
