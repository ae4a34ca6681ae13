using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Demo;

/// <summary>35 support cases from account contacts, with SLA due times by priority; resolved ones carry a close time.</summary>
internal static class DemoCases
{
    private static readonly (string Subject, string Description)[] Issues =
    [
        ("Cannot log in after password reset", "The user gets 'invalid credentials' although the reset email was confirmed."),
        ("Order sync with ERP fails since the weekend", "Orders created in the ERP after Saturday do not show up; the sync log shows HTTP 409."),
        ("Invoice shows the wrong VAT rate", "The October invoice applies the standard VAT rate instead of the reduced rate."),
        ("Barcode scanner BS-200 does not pair", "Two new scanners do not pair with the mobile app on Android 15."),
        ("API returns 429 during the nightly import", "The nightly contact import stops after about 40,000 calls with 'Too Many Requests'."),
        ("Request: export of all contacts with consent", "Marketing needs a CSV export of contacts with granted consent for an audit."),
        ("Duplicate contacts after CSV import", "Importing the trade-fair list created duplicates of existing contacts."),
        ("Rugged tablet battery drains overnight", "Three tablets lose about 40 % battery overnight while docked."),
        ("Custom field not visible in the API", "A new picklist field on accounts is missing from GET responses."),
        ("Pipeline report totals do not match", "The pipeline report differs from the sum of open opportunity amounts."),
        ("Add five seats to our subscription", "Please add five Professional seats for the new regional sales team."),
        ("Webhook deliveries are delayed", "Webhooks for updated opportunities arrive up to 20 minutes late."),
        ("Single sign-on error for new employees", "New employees get a SAML audience error when signing in."),
        ("Docking station not detecting second monitor", "The USB-C dock only drives one external display with the field tablet."),
        ("Question about data retention", "How long are deleted records kept before they are purged?"),
        ("Training session reschedule", "The on-site training on Thursday needs to move to next week."),
    ];

    private static readonly Dictionary<string, int> SlaHours = new(StringComparer.Ordinal)
    {
        ["urgent"] = 4, ["high"] = 8, ["medium"] = 24, ["low"] = 72,
    };

    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        var rng = seed.Rng;
        var statuses = rng.Spread(("new", 4), ("open", 8), ("pending", 5), ("onHold", 2), ("resolved", 9), ("closed", 7));
        foreach (var status in statuses)
        {
            var contact = rng.Pick(seed.Contacts);
            var (subject, description) = rng.Pick(Issues);
            var priority = rng.Weighted(("low", 25), ("medium", 40), ("high", 25), ("urgent", 10));
            var closed = status is "resolved" or "closed";
            // Open cases are recent; closed ones spread over the last two months.
            var openedAt = rng.WorkTime(DemoSeed.Base, closed ? -rng.Between(3, 60) : -rng.Between(0, 12));
            var body = new JsonObject
            {
                ["subject"] = subject,
                ["description"] = description,
                ["accountId"] = contact.Account.Id.ToString(),
                ["contactId"] = contact.Id.ToString(),
                ["status"] = status,
                ["priority"] = priority,
                ["channel"] = rng.Weighted(("email", 35), ("phone", 25), ("web", 20), ("chat", 15), ("social", 5)),
                ["slaDueAt"] = DemoSeed.Instant(openedAt.AddHours(SlaHours[priority])),
                ["ownerId"] = (rng.Chance(0.8) ? seed.User("support") : seed.User("admin")).Id.ToString(),
            };
            if (closed) body["closedAt"] = DemoSeed.Instant(openedAt.AddHours(rng.Between(1, SlaHours[priority] * 2)));
            var id = await seed.CreateAsync(StandardObjects.Cases, body, ct);
            seed.Cases.Add(new DemoCase(id, subject, contact.Account, contact, openedAt));
        }
    }
}
