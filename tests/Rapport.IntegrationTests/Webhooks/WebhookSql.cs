using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rapport.Api.Infrastructure;
using Rapport.Api.Webhooks;
using Rapport.Data.Webhooks;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Webhooks;

/// <summary>Reaches into a test server's database for states the API cannot make: another process's lease, a cutoff in the future.</summary>
internal static class WebhookSql
{
    /// <summary>A pending delivery, due now, leased to <paramref name="owner"/> (a process that died) until <paramref name="leaseUntil"/>.</summary>
    public static Task InsertLeasedDeliveryAsync(RapportApp app, Guid id, Guid subscriptionId, long seq, string eventType, string owner, DateTime leaseUntil)
    {
        var db = app.Services.GetRequiredService<Database>();
        return db.Dialect.WriteAsync(async (s, ct) =>
        {
            await WebhookDeliveryStore.InsertAsync(s, [new NewDelivery(id, subscriptionId, seq, eventType)], DateTime.UtcNow, owner, leaseUntil, ct);
            return true;
        }, CancellationToken.None);
    }

    /// <summary>Runs the webhook log's retention with <paramref name="cutoff"/> instead of now minus the retention window.</summary>
    public static Task<int> RunRetentionAsync(RapportApp app, DateTime cutoff) =>
        app.Services.GetServices<IHostedService>().OfType<WebhookRetention>().Single().DeleteBeforeAsync(cutoff, CancellationToken.None);
}
