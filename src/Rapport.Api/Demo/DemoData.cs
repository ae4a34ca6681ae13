using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Api.Records;
using Rapport.Data.Sql;

namespace Rapport.Api.Demo;

/// <summary>
/// <c>rapport serve --demo</c>: fills an empty database with a deterministic demo data set (same seed,
/// same base date, so every run makes the same records apart from ids and timestamps). Everything is
/// written in one transaction through the same validation as the API; a database that already has
/// accounts or contacts is left alone.
/// </summary>
public static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = services.GetRequiredService<Database>();
        var schemas = services.GetRequiredService<SchemaRegistry>();
        var clock = Stopwatch.StartNew();

        await using var session = await database.WriteAsync(ct);
        if (await HasRowsAsync(session, "accounts", ct) || await HasRowsAsync(session, "contacts", ct))
        {
            Console.WriteLine("Demo data skipped: the database already has records.");
            return;
        }

        // The EF context (users, campaign members) writes in the session's transaction: one commit for everything.
        await using var db = database.Context();
        db.Database.SetDbConnection(session.Connection);
        await db.Database.UseTransactionAsync(session.Transaction, ct);

        var seed = new DemoSeed(session, db, services.GetRequiredService<RecordService>(), schemas)
        {
            Stages = await schemas.StagesAsync(ct),
        };
        await DemoUsers.AddAsync(seed, ct);
        await DemoProducts.AddAsync(seed, ct);
        await DemoAccounts.AddAsync(seed, ct);
        await DemoContacts.AddAsync(seed, ct);
        await DemoLeads.AddAsync(seed, ct);
        await DemoOpportunities.AddAsync(seed, ct);
        await DemoCases.AddAsync(seed, ct);
        await DemoCampaigns.AddAsync(seed, ct);
        await DemoCampaigns.AddMembersAsync(seed, ct);
        await DemoOrders.AddAsync(seed, ct);
        await DemoActivities.AddAsync(seed, ct);
        await session.CommitAsync(ct);

        Console.WriteLine(
            $"Demo data: {seed.Users.Count - 1} users, {seed.Products.Count} products, {seed.Accounts.Count} accounts, " +
            $"{seed.Contacts.Count} contacts, {seed.Leads.Count} leads, {seed.Opportunities.Count} opportunities, " +
            $"{seed.Activities} activities, {seed.Cases.Count} cases, {seed.Campaigns.Count} campaigns " +
            $"({seed.CampaignMembers} members), {seed.Orders} orders in {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>Whether the table has any row at all, deleted ones included: a used database is never "empty".</summary>
    private static async Task<bool> HasRowsAsync(DbSession session, string table, CancellationToken ct)
    {
        var cmd = session.Command($"SELECT 1 FROM {table} LIMIT 1");
        return await cmd.ExecuteScalarAsync(ct) is not (null or DBNull);
    }
}
