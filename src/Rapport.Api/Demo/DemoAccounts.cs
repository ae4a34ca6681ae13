using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Demo;

/// <summary>40 companies across Europe and the US, owned by territory, with ERP customer numbers and a few subsidiaries.</summary>
internal static class DemoAccounts
{
    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        var rng = seed.Rng;
        for (var i = 0; i < DemoNames.Accounts.Length; i++)
        {
            var company = DemoNames.Accounts[i];
            var country = DemoNames.Country(company.Country);
            var city = country.City(company.City);
            var address = country.Address(rng, city);
            var owner = Territory(seed, company.Country);
            var employees = Employees(rng, company.Parent is not null);
            var revenue = Math.Round(employees * rng.Between(90, 260) * 1000m / 100_000m) * 100_000m;
            var body = new JsonObject
            {
                ["name"] = company.Name,
                ["domain"] = company.Domain,
                ["website"] = "https://www." + company.Domain,
                ["industry"] = company.Industry,
                ["phone"] = country.Landline(rng, city),
                ["billingAddress"] = address.DeepClone(),
                ["annualRevenue"] = Math.Max(revenue, 500_000m),
                ["currency"] = country.Currency,
                ["employees"] = employees,
                ["ownerId"] = owner.Id.ToString(),
                ["externalIds"] = new JsonObject { ["erp"] = $"C-{10001 + i}" },
            };
            if (company.Parent is { } parent)
            {
                body["parentAccountId"] = seed.Accounts[parent].Id.ToString();
                body["description"] = $"Subsidiary of {seed.Accounts[parent].Company.Name}; contracts are signed by the parent company.";
            }
            if (rng.Chance(0.3)) body["shippingAddress"] = country.Address(rng, city);
            var id = await seed.CreateAsync(StandardObjects.Accounts, body, ct);
            seed.Accounts.Add(new DemoAccount(id, company, country, address, owner));
        }
    }

    /// <summary>Sales territories: DACH and Poland, English-speaking and Nordic markets, the rest of Europe.</summary>
    private static DemoUser Territory(DemoSeed seed, string country) => country switch
    {
        "DE" or "AT" or "CH" or "PL" => seed.SalesRep(0),
        "GB" or "US" or "SE" => seed.SalesRep(1),
        _ => seed.User("manager"),
    };

    private static int Employees(Random rng, bool subsidiary)
    {
        var size = subsidiary ? rng.Between(0, 1) : rng.Weighted((0, 3), (1, 4), (2, 3), (3, 1));
        return size switch
        {
            0 => 10 * rng.Between(2, 10),
            1 => 10 * rng.Between(11, 50),
            2 => 50 * rng.Between(11, 80),
            _ => 500 * rng.Between(9, 40),
        };
    }
}
