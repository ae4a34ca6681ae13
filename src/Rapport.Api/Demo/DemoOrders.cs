using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Demo;

/// <summary>
/// 30 sales orders as the ERP would send them (SO-2026-0001…, with the ERP's id): one per won deal,
/// the rest repeat business; numbered in order date, the status following the order's age.
/// </summary>
internal static class DemoOrders
{
    public const int Count = 30;

    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        var rng = seed.Rng;
        var plans = new List<(DateTime OrderedAt, DemoAccount Account, DemoOpportunity? Deal, JsonArray Lines)>();
        foreach (var deal in seed.Opportunities.Where(o => o.Stage == "closedWon").Take(Count))
        {
            var orderedAt = rng.WorkTime(DemoSeed.Base, deal.CloseDate.DayNumber - DemoSeed.BaseDate.DayNumber + rng.Between(1, 10));
            plans.Add((orderedAt < DemoSeed.Base ? orderedAt : DemoSeed.Base.AddHours(-2), deal.Account, deal, deal.Lines));
        }
        while (plans.Count < Count)
        {
            var account = rng.Pick(seed.Accounts);
            plans.Add((rng.WorkTime(DemoSeed.Base, -rng.Between(1, 300)), account, null, DemoProducts.Lines(seed, 3)));
        }
        var cancelled = rng.Sample(Enumerable.Range(0, Count).ToList(), 2).ToHashSet();
        var number = 0;
        foreach (var (orderedAt, account, deal, lines) in plans.OrderBy(p => p.OrderedAt).ToList())
        {
            var code = $"SO-2026-{++number:D4}";
            var age = (DemoSeed.Base - orderedAt).TotalDays;
            var status = cancelled.Contains(number - 1) ? "cancelled"
                : age < 5 ? rng.Weighted(("draft", 1), ("confirmed", 2))
                : age < 30 ? rng.Weighted(("confirmed", 1), ("fulfilled", 2))
                : rng.Weighted(("fulfilled", 1), ("invoiced", 4));
            var body = new JsonObject
            {
                ["number"] = code,
                ["accountId"] = account.Id.ToString(),
                ["contactId"] = (deal?.Contact ?? rng.Pick(account.Contacts)).Id.ToString(),
                ["status"] = status,
                ["orderedAt"] = DemoSeed.Instant(orderedAt),
                ["currency"] = "EUR",
                ["lines"] = lines.DeepClone(),
                ["shippingAddress"] = account.Address.DeepClone(),
                ["ownerId"] = account.Owner.Id.ToString(),
                ["externalIds"] = new JsonObject { ["erp"] = code },
            };
            if (deal is not null) body["opportunityId"] = deal.Id.ToString();
            await seed.CreateAsync(StandardObjects.Orders, body, ct);
            seed.Orders++;
        }
    }
}
