using System.Text.Json.Nodes;
using Rapport.Data.Model;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;

namespace Rapport.Api.Demo;

/// <summary>Five marketing campaigns and their members (120 contacts and leads), members through the EF entity.</summary>
internal static class DemoCampaigns
{
    private static readonly (string Name, string Type, string Status, string Start, string End, decimal Budget, decimal? Cost, int Contacts, int Leads, string Description)[] Plans =
    [
        ("Rapport Integration Summit 2026, Berlin", "event", "completed", "2026-09-17", "2026-09-18", 45000m, 48250m, 24, 6,
            "Two days of talks and workshops on connecting CRM, ERP and e-commerce; 300 attendees."),
        ("Webinar: Syncing your ERP with Rapport", "webinar", "completed", "2026-10-08", "2026-10-08", 3500m, 2980m, 15, 10,
            "Live demo of the Integration Hub with SAP Business One and Microsoft Dynamics."),
        ("Q4 newsletter: Integration Hub launch", "email", "active", "2026-10-20", "2026-12-15", 2000m, 850m, 22, 8,
            "Three-part email series to customers and opted-in prospects."),
        ("LinkedIn ads: Manufacturing DACH", "advertising", "active", "2026-10-01", "2026-12-31", 12000m, 7400m, 5, 10,
            "Sponsored content for operations and IT leaders in German-speaking manufacturing."),
        ("Year-end renewal offer 2026", "email", "planned", "2026-11-15", "2026-12-31", 5000m, null, 20, 0,
            "Early-renewal discount for customers whose subscription ends in the first quarter."),
    ];

    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        foreach (var p in Plans)
        {
            var body = new JsonObject
            {
                ["name"] = p.Name,
                ["type"] = p.Type,
                ["status"] = p.Status,
                ["startDate"] = p.Start,
                ["endDate"] = p.End,
                ["budget"] = p.Budget,
                ["currency"] = "EUR",
                ["description"] = p.Description,
                ["ownerId"] = seed.User("marketing").Id.ToString(),
            };
            if (p.Cost is { } cost) body["actualCost"] = cost;
            var id = await seed.CreateAsync(StandardObjects.Campaigns, body, ct);
            seed.Campaigns.Add(new DemoCampaign(id, p.Name, p.Type, p.Status, p.Contacts, p.Leads));
        }
    }

    /// <summary>Members are distinct per campaign; email campaigns only reach contacts who granted consent.</summary>
    public static async Task AddMembersAsync(DemoSeed seed, CancellationToken ct)
    {
        var rng = seed.Rng;
        var now = Timestamps.Now();
        foreach (var campaign in seed.Campaigns)
        {
            var pool = campaign.Type == "email" ? seed.Contacts.Where(c => c.Consented).ToList() : seed.Contacts;
            var members = rng.Sample(pool, campaign.Contacts).Select(c => ("contacts", c.Id))
                .Concat(rng.Sample(seed.Leads, campaign.Leads).Select(l => ("leads", l.Id)));
            foreach (var (kind, memberId) in members)
            {
                seed.Db.CampaignMembers.Add(new CampaignMember
                {
                    Id = Guid.CreateVersion7(),
                    CampaignId = campaign.Id,
                    MemberObject = kind,
                    MemberId = memberId,
                    Status = Status(rng, campaign),
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                seed.CampaignMembers++;
            }
        }
        await seed.Db.SaveChangesAsync(ct);
    }

    private static string Status(Random rng, DemoCampaign campaign) => (campaign.Type, campaign.Status) switch
    {
        (_, "planned") => "targeted",
        ("event" or "webinar", _) => rng.Weighted(("registered", 3), ("attended", 6), ("targeted", 1)),
        ("email", _) => rng.Weighted(("sent", 4), ("opened", 4), ("responded", 2), ("bounced", 1), ("unsubscribed", 1)),
        _ => rng.Weighted(("targeted", 6), ("responded", 3), ("unsubscribed", 1)),
    };
}
