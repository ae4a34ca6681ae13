using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Demo;

/// <summary>The price list: subscriptions, services and hardware in EUR; one retired product.</summary>
internal static class DemoProducts
{
    private static readonly (string Sku, string Name, string Family, decimal Price, bool Active, int Min, int Max, string Description)[] Catalogue =
    [
        ("RPT-CRM-PRO", "Rapport CRM Professional (per seat, yearly)", "Subscriptions", 540m, true, 10, 120,
            "Contacts, accounts, pipeline and activities for growing sales teams."),
        ("RPT-CRM-ENT", "Rapport CRM Enterprise (per seat, yearly)", "Subscriptions", 960m, true, 25, 250,
            "Everything in Professional plus sandboxes, audit log and single sign-on."),
        ("RPT-INT-HUB", "Integration Hub add-on (yearly)", "Subscriptions", 4800m, true, 1, 1,
            "Managed connectors for ERP, e-commerce and accounting systems."),
        ("RPT-API-PLUS", "API Plus, 10 million calls per month (yearly)", "Subscriptions", 2400m, true, 1, 3,
            "Raises the API rate limits and adds a dedicated bulk endpoint quota."),
        ("RPT-ANL-ADV", "Advanced Analytics add-on (yearly)", "Subscriptions", 1800m, true, 1, 1,
            "Forecasting, cohort reports and a read replica for BI tools."),
        ("SRV-ONB-STD", "Onboarding package", "Services", 3500m, true, 1, 1,
            "Kick-off workshop, data migration and admin training, delivered remotely in four weeks."),
        ("SRV-TRN-DAY", "On-site training day", "Services", 1450m, true, 1, 5,
            "One day of hands-on training for up to twelve users at the customer's site."),
        ("SRV-SUP-PRM", "Premium support (yearly)", "Support", 6000m, true, 1, 1,
            "24/7 support with a one-hour response time for urgent cases and a named support engineer."),
        ("HW-SCN-200", "Barcode scanner BS-200", "Hardware", 289m, true, 5, 60,
            "Bluetooth 2D scanner for warehouse and field teams; pairs with the Rapport mobile app."),
        ("HW-TAB-10R", "Rugged field tablet 10\"", "Hardware", 1190m, true, 5, 40,
            "IP67 tablet with LTE and a hot-swappable battery, preloaded with Rapport Mobile."),
        ("HW-DCK-USB", "USB-C docking station", "Hardware", 219m, true, 5, 50,
            "Dual-monitor dock for the rugged tablet and laptops."),
        ("RPT-CRM-STD", "Rapport CRM Standard (per seat, yearly, retired)", "Subscriptions", 360m, false, 5, 50,
            "The former entry plan; existing customers renew on Professional."),
    ];

    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        foreach (var p in Catalogue)
        {
            var id = await seed.CreateAsync(StandardObjects.Products, new JsonObject
            {
                ["name"] = p.Name,
                ["sku"] = p.Sku,
                ["price"] = p.Price,
                ["currency"] = "EUR",
                ["active"] = p.Active,
                ["family"] = p.Family,
                ["description"] = p.Description,
                ["ownerId"] = seed.User("admin").Id.ToString(),
            }, ct);
            seed.Products.Add(new DemoProduct(id, p.Sku, p.Name, p.Price, p.Active, p.Min, p.Max));
        }
    }

    /// <summary>1 to <paramref name="max"/> lines of distinct active products with fitting quantities and a usual discount.</summary>
    public static JsonArray Lines(DemoSeed seed, int max)
    {
        var rng = seed.Rng;
        var lines = new JsonArray();
        foreach (var product in rng.Sample(seed.Products.Where(p => p.Active).ToList(), rng.Between(1, max)))
        {
            var quantity = product.MaxQuantity >= 20
                ? 5 * rng.Between(product.MinQuantity / 5, product.MaxQuantity / 5)
                : rng.Between(product.MinQuantity, product.MaxQuantity);
            var line = new JsonObject
            {
                ["productId"] = product.Id.ToString(),
                ["sku"] = product.Sku,
                ["description"] = product.Name,
                ["quantity"] = Math.Max(quantity, 1),
                ["unitPrice"] = product.Price,
            };
            var discount = rng.Weighted((0, 10), (5, 4), (10, 4), (15, 2), (20, 1));
            if (discount > 0) line["discount"] = discount;
            lines.Add(line);
        }
        return lines;
    }
}
