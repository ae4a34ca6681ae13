using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Demo;

/// <summary>
/// 200 calls, emails, meetings, tasks and notes about contacts, accounts, opportunities and cases, with
/// participants; past ones are done, future ones planned.
/// </summary>
internal static class DemoActivities
{
    private sealed record Topic(string Object, Guid Id, DemoAccount Account, DemoContact Contact, DemoUser Owner, DateTime? From, string? Opp, string? Case);

    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        var rng = seed.Rng;
        foreach (var type in rng.Spread(("call", 50), ("email", 50), ("meeting", 35), ("task", 40), ("note", 25)))
        {
            var about = About(seed, type);
            var pool = about.Object switch
            {
                "opportunities" => DemoActivityTexts.Deal[type],
                "cases" => DemoActivityTexts.Support[type],
                _ => DemoActivityTexts.General[type],
            };
            var (subject, text) = rng.Pick(pool);
            var body = new JsonObject
            {
                ["type"] = type,
                ["subject"] = Fill(subject, about),
                ["body"] = Fill(text, about),
                ["relatedObject"] = about.Object,
                ["relatedId"] = about.Id.ToString(),
                ["ownerId"] = about.Owner.Id.ToString(),
            };
            var at = about.From is { } from
                ? rng.WorkTime(from, rng.Between(0, 3))
                : rng.WorkTime(DemoSeed.Base, type == "email" ? -rng.Between(0, 75) : rng.Between(-75, 21));
            var past = at < DemoSeed.Base;
            switch (type)
            {
                case "call" or "meeting":
                    body["startAt"] = DemoSeed.Instant(at);
                    body["endAt"] = DemoSeed.Instant(at.AddMinutes(type == "call" ? 5 * rng.Between(1, 9) : 30 * rng.Between(1, 4)));
                    body["status"] = past ? (rng.Chance(0.9) ? "completed" : "cancelled") : "planned";
                    break;
                case "email":
                    body["startAt"] = DemoSeed.Instant(at);
                    body["status"] = "completed";
                    break;
                case "task":
                    body["dueAt"] = DemoSeed.Instant(at);
                    body["status"] = past ? (rng.Chance(0.7) ? "completed" : "inProgress") : (rng.Chance(0.8) ? "planned" : "inProgress");
                    break;
                default:
                    body["status"] = "completed";
                    break;
            }
            if (Participants(rng, type, about) is { Count: > 0 } participants) body["participants"] = participants;
            await seed.CreateAsync(StandardObjects.Activities, body, ct);
            seed.Activities++;
        }
    }

    private static Topic About(DemoSeed seed, string type)
    {
        var rng = seed.Rng;
        var kind = type switch
        {
            "call" => rng.Weighted(("contacts", 45), ("opportunities", 35), ("accounts", 10), ("cases", 10)),
            "email" => rng.Weighted(("contacts", 40), ("opportunities", 35), ("cases", 25)),
            "meeting" => rng.Weighted(("opportunities", 50), ("accounts", 35), ("contacts", 15)),
            "task" => rng.Weighted(("opportunities", 40), ("accounts", 25), ("contacts", 20), ("cases", 15)),
            _ => rng.Weighted(("accounts", 40), ("opportunities", 30), ("contacts", 15), ("cases", 15)),
        };
        switch (kind)
        {
            case "opportunities":
                var deal = rng.Pick(seed.Opportunities);
                return new(kind, deal.Id, deal.Account, deal.Contact ?? rng.Pick(deal.Account.Contacts), deal.Account.Owner, null, deal.Name, null);
            case "cases":
                var issue = rng.Pick(seed.Cases);
                return new(kind, issue.Id, issue.Account, issue.Contact, seed.User("support"), issue.OpenedAt, null, issue.Subject);
            case "accounts":
                var account = rng.Pick(seed.Accounts);
                return new(kind, account.Id, account, rng.Pick(account.Contacts), account.Owner, null, null, null);
            default:
                var contact = rng.Pick(seed.Contacts);
                return new(kind, contact.Id, contact.Account, contact, contact.Account.Owner, null, null, null);
        }
    }

    private static JsonArray Participants(Random rng, string type, Topic about)
    {
        var list = new JsonArray();
        if (type is "task" or "note") return list;
        var inbound = type == "email" && rng.Chance(0.3);
        list.Add(User(about.Owner, type switch { "email" => inbound ? "to" : "from", _ => "organizer" }));
        list.Add(Contact(about.Contact, type switch { "email" => inbound ? "from" : "to", _ => "required" }));
        var others = about.Account.Contacts.Where(c => c != about.Contact).ToList();
        var extra = type switch { "meeting" => rng.Between(0, 2), "email" => rng.Chance(0.25) ? 1 : 0, _ => 0 };
        foreach (var other in rng.Sample(others, extra))
            list.Add(Contact(other, type == "email" ? "cc" : rng.Chance(0.6) ? "required" : "optional"));
        return list;
    }

    private static JsonObject User(DemoUser user, string role) => new()
    {
        ["object"] = "users", ["id"] = user.Id.ToString(), ["email"] = user.Email, ["name"] = user.Name, ["role"] = role,
    };

    private static JsonObject Contact(DemoContact contact, string role) => new()
    {
        ["object"] = "contacts", ["id"] = contact.Id.ToString(), ["email"] = contact.Email, ["name"] = contact.Name, ["role"] = role,
    };

    private static string Fill(string template, Topic about) => template
        .Replace("{contact}", about.Contact.Name, StringComparison.Ordinal)
        .Replace("{first}", about.Contact.FirstName, StringComparison.Ordinal)
        .Replace("{account}", about.Account.ShortName, StringComparison.Ordinal)
        .Replace("{opp}", about.Opp ?? "", StringComparison.Ordinal)
        .Replace("{case}", about.Case ?? "", StringComparison.Ordinal);
}
