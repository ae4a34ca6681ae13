using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Demo;

/// <summary>150 people at the accounts: names of the account's country, addresses at the account's domain, consent for about half.</summary>
internal static class DemoContacts
{
    public const int Count = 150;

    private static readonly (string Method, string Source)[] ConsentSources =
    [
        ("webForm", "Newsletter sign-up on the website"),
        ("webForm", "Webinar registration form"),
        ("inPerson", "Badge scan at a trade fair"),
        ("email", "Double opt-in email"),
        ("phone", "Phone call with the account manager"),
        ("paper", "Signed contract annex"),
    ];

    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        var rng = seed.Rng;
        var perAccount = seed.Accounts.Select(_ => 2).ToArray();
        for (var extra = Count - 2 * perAccount.Length; extra > 0; extra--) perAccount[rng.Next(perAccount.Length)]++;
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var a = 0; a < seed.Accounts.Count; a++)
        {
            var account = seed.Accounts[a];
            foreach (var title in rng.Sample(DemoNames.Titles, perAccount[a]))
                await AddOneAsync(seed, account, title, used, ct);
        }
    }

    private static async Task AddOneAsync(DemoSeed seed, DemoAccount account, string title, HashSet<string> used, CancellationToken ct)
    {
        var rng = seed.Rng;
        var country = account.Country;
        var city = country.City(account.Company.City);
        var (first, last) = country.Person(rng);
        var domain = account.Company.Domain;
        var email = DemoSlug.Email(first, last, domain);
        for (var n = 2; !used.Add(email); n++) email = $"{DemoSlug.Of(first)}.{DemoSlug.Of(last)}{n}@{domain}";
        var emails = new JsonArray { new JsonObject { ["address"] = email, ["type"] = "work", ["primary"] = true } };
        var alias = $"{DemoSlug.Of(first)[0]}.{DemoSlug.Of(last)}@{domain}";
        if (rng.Chance(0.3) && used.Add(alias)) emails.Add(new JsonObject { ["address"] = alias, ["type"] = "work", ["primary"] = false });
        var phones = new JsonArray { new JsonObject { ["number"] = country.Landline(rng, city), ["type"] = "work", ["primary"] = true } };
        if (rng.Chance(0.6)) phones.Add(new JsonObject { ["number"] = country.Mobile(rng, city), ["type"] = "mobile", ["primary"] = false });
        var body = new JsonObject
        {
            ["firstName"] = first,
            ["lastName"] = last,
            ["title"] = title,
            ["emails"] = emails,
            ["phones"] = phones,
            ["accountId"] = account.Id.ToString(),
            ["address"] = account.Address.DeepClone(),
            ["lifecycleStage"] = rng.Weighted(("customer", 35), ("opportunity", 15), ("salesQualifiedLead", 12),
                ("marketingQualifiedLead", 12), ("lead", 12), ("subscriber", 8), ("evangelist", 4), ("other", 2)),
            ["ownerId"] = account.Owner.Id.ToString(),
        };
        var consented = false;
        if (rng.Chance(0.5))
        {
            var granted = rng.Chance(0.7);
            var (method, source) = rng.Pick(ConsentSources);
            body["marketingConsent"] = new JsonObject
            {
                ["status"] = granted ? "granted" : "denied",
                ["at"] = DemoSeed.Instant(rng.WorkTime(DemoSeed.Base, -rng.Between(5, 700))),
                ["method"] = method,
                ["source"] = source,
            };
            consented = granted;
        }
        var id = await seed.CreateAsync(StandardObjects.Contacts, body, ct);
        var contact = new DemoContact(id, first, last, email, account, consented);
        account.Contacts.Add(contact);
        seed.Contacts.Add(contact);
    }
}
