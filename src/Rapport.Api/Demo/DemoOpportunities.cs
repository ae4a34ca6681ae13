using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Demo;

/// <summary>45 deals on the accounts, spread over the pipeline, closing around the base date, priced from the product list.</summary>
internal static class DemoOpportunities
{
    private static readonly Dictionary<string, string> Themes = new(StringComparer.Ordinal)
    {
        ["RPT-CRM-PRO"] = "Professional seats",
        ["RPT-CRM-ENT"] = "Enterprise rollout",
        ["RPT-INT-HUB"] = "ERP integration",
        ["RPT-API-PLUS"] = "API capacity upgrade",
        ["RPT-ANL-ADV"] = "Analytics add-on",
        ["SRV-ONB-STD"] = "Onboarding",
        ["SRV-TRN-DAY"] = "User training",
        ["SRV-SUP-PRM"] = "Premium support",
        ["HW-SCN-200"] = "Warehouse scanners",
        ["HW-TAB-10R"] = "Field tablets",
        ["HW-DCK-USB"] = "Docking stations",
    };

    private static readonly Dictionary<string, string[]> Notes = new(StringComparer.Ordinal)
    {
        ["prospecting"] = ["First contact made; needs a discovery call.", "Inbound interest after the webinar."],
        ["qualification"] = ["Budget confirmed for next year; mapping the decision makers.", "Discovery done; they run SAP and want a nightly sync."],
        ["proposal"] = ["Proposal sent; waiting for feedback from procurement.", "Sent two pricing options (Professional vs. Enterprise)."],
        ["negotiation"] = ["Negotiating the discount and a three-year term.", "Legal is reviewing the DPA; signature expected this month."],
        ["closedWon"] = ["Signed; handed over to onboarding.", "Signed a three-year agreement."],
        ["closedLost"] = ["Lost to a competitor on price.", "Project postponed to next year.", "No decision; budget frozen."],
    };

    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        var rng = seed.Rng;
        var stages = StageSpread(seed);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var account = rng.Pick(seed.Accounts);
            var contact = rng.Pick(account.Contacts);
            var lines = DemoProducts.Lines(seed, 4);
            var theme = Themes.GetValueOrDefault(lines[0]!["sku"]!.GetValue<string>(), "Rapport CRM");
            var name = $"{account.ShortName} – {theme}";
            for (var phase = 2; !names.Add(name); phase++) name = $"{account.ShortName} – {theme} (phase {phase})";
            var info = seed.Stages.FirstOrDefault(s => s.Name == stage);
            var closed = info?.IsClosed ?? false;
            var closeDate = closed
                ? DemoSeed.BaseDate.AddDays(-rng.Between(5, 150))
                : DemoSeed.BaseDate.AddDays(stage == "negotiation" ? rng.Between(7, 45) : rng.Between(14, 120));
            var body = new JsonObject
            {
                ["name"] = name,
                ["accountId"] = account.Id.ToString(),
                ["contactId"] = contact.Id.ToString(),
                ["currency"] = "EUR",
                ["stage"] = stage,
                ["closeDate"] = DemoSeed.Date(closeDate),
                ["lineItems"] = lines.DeepClone(),
                ["ownerId"] = account.Owner.Id.ToString(),
            };
            if (Notes.TryGetValue(stage, out var notes)) body["description"] = rng.Pick(notes);
            var id = await seed.CreateAsync(StandardObjects.Opportunities, body, ct);
            seed.Opportunities.Add(new DemoOpportunity(id, name, account, contact, stage, closeDate, lines));
        }
    }

    /// <summary>45 stages: the standard pipeline's own mix, or an even spread over a customised pipeline.</summary>
    private static List<string> StageSpread(DemoSeed seed)
    {
        string[] standard = ["prospecting", "qualification", "proposal", "negotiation", "closedWon", "closedLost"];
        if (seed.Stages.Count == 0 || standard.All(n => seed.Stages.Any(s => s.Name == n)))
            return seed.Rng.Spread(("prospecting", 7), ("qualification", 8), ("proposal", 9), ("negotiation", 7), ("closedWon", 8), ("closedLost", 6));
        return seed.Rng.Shuffled(Enumerable.Range(0, 45).Select(i => seed.Stages[i % seed.Stages.Count].Name));
    }
}
