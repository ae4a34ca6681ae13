using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Demo;

/// <summary>30 leads, one per prospect company, spread over the lead statuses and sources.</summary>
internal static class DemoLeads
{
    private static readonly Dictionary<string, string> Notes = new(StringComparer.Ordinal)
    {
        ["web"] = "Requested a demo through the website; interested in the ERP integration.",
        ["referral"] = "Referred by an existing customer who uses the Integration Hub.",
        ["event"] = "Met at the Rapport Integration Summit; asked for pricing for about 40 seats.",
        ["partner"] = "Introduced by an implementation partner; currently on spreadsheets.",
        ["advertising"] = "Clicked the LinkedIn campaign and downloaded the CRM buyer's guide.",
        ["coldCall"] = "Reached by phone; renewing their current CRM contract next spring.",
        ["email"] = "Replied to the Q4 newsletter asking about the API limits.",
        ["socialMedia"] = "Commented on our post about syncing orders from the ERP.",
    };

    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        var rng = seed.Rng;
        var statuses = rng.Spread(("new", 8), ("working", 7), ("nurturing", 6), ("qualified", 5), ("unqualified", 4));
        for (var i = 0; i < DemoNames.Prospects.Length; i++)
        {
            var company = DemoNames.Prospects[i];
            var country = DemoNames.Country(company.Country);
            var city = country.City(company.City);
            var (first, last) = country.Person(rng);
            var status = statuses[i];
            var source = rng.Weighted(("web", 8), ("referral", 4), ("event", 5), ("partner", 3), ("advertising", 4),
                ("coldCall", 3), ("email", 2), ("socialMedia", 2));
            var owner = status is "new" or "nurturing" && rng.Chance(0.5) ? seed.User("marketing") : seed.SalesRep(i % 2);
            var email = DemoSlug.Email(first, last, company.Domain);
            var body = new JsonObject
            {
                ["firstName"] = first,
                ["lastName"] = last,
                ["title"] = rng.Pick(DemoNames.Titles),
                ["company"] = company.Name,
                ["emails"] = new JsonArray { new JsonObject { ["address"] = email, ["type"] = "work" } },
                ["phones"] = new JsonArray
                {
                    rng.Chance(0.5)
                        ? new JsonObject { ["number"] = country.Mobile(rng, city), ["type"] = "mobile" }
                        : new JsonObject { ["number"] = country.Landline(rng, city), ["type"] = "work" },
                },
                ["address"] = country.Address(rng, city),
                ["status"] = status,
                ["source"] = source,
                ["website"] = "https://www." + company.Domain,
                ["industry"] = company.Industry,
                ["description"] = Notes[source],
                ["ownerId"] = owner.Id.ToString(),
            };
            var id = await seed.CreateAsync(StandardObjects.Leads, body, ct);
            seed.Leads.Add(new DemoLead(id, first, last, email, owner));
        }
    }
}
