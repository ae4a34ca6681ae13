using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Changes;
using Rapport.Api.Endpoints;
using Rapport.Api.Errors;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;

namespace Rapport.Api.Records;

/// <summary>
/// <c>POST /api/v1/leads/{id}/convert</c>: creates (or reuses) the account, creates the contact and
/// optionally an opportunity from the lead, and marks the lead converted — all in one transaction.
/// </summary>
public sealed class LeadConversion(SchemaRegistry schemas, RecordService records)
{
    private static readonly string[] Allowed = ["accountId", "account", "contact", "createOpportunity", "opportunity"];

    public async Task<JsonObject> ConvertAsync(DbSession s, Guid leadId, JsonObject body, Actor actor, CancellationToken ct)
    {
        JsonBody.OnlyKnown(body, Allowed);
        var leads = await schemas.GetAsync(StandardObjects.Leads, ct);
        var lead = await records.GetAsync(s, StandardObjects.Leads, leadId, ct);
        var leadJson = Rapport.Integration.Formats.RecordJsonWriter.ToNode(leads, lead);
        if (leadJson["status"]?.GetValue<string>() == "converted")
            throw ApiException.Conflict($"Lead {leadId} was already converted (contact {leadJson["convertedContactId"]}).");

        var accountId = await AccountAsync(s, leadJson, body, actor, ct);
        var contactBody = new JsonObject
        {
            ["firstName"] = leadJson["firstName"]?.DeepClone(),
            ["lastName"] = leadJson["lastName"]?.DeepClone(),
            ["title"] = leadJson["title"]?.DeepClone(),
            ["emails"] = leadJson["emails"]?.DeepClone(),
            ["phones"] = leadJson["phones"]?.DeepClone(),
            ["address"] = leadJson["address"]?.DeepClone(),
            ["accountId"] = accountId.ToString(),
            ["lifecycleStage"] = "salesQualifiedLead",
            ["ownerId"] = leadJson["ownerId"]?.DeepClone(),
        };
        var contactSchema = await schemas.GetAsync(StandardObjects.Contacts, ct);
        var contact = await records.CreateAsync(s, contactSchema, Merge(contactBody, body["contact"], "contact"), actor, ct);

        Guid? opportunityId = null;
        var wantsOpportunity = body["createOpportunity"] switch
        {
            null => body["opportunity"] is not null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw ApiException.BadRequest("createOpportunity", "must be true or false"),
        };
        if (wantsOpportunity)
        {
            var company = leadJson["company"]?.GetValue<string>() ?? $"{leadJson["firstName"]} {leadJson["lastName"]}".Trim();
            var opportunityBody = new JsonObject
            {
                ["name"] = $"{company} — new business",
                ["accountId"] = accountId.ToString(),
                ["contactId"] = contact.Id.ToString(),
                ["ownerId"] = leadJson["ownerId"]?.DeepClone(),
            };
            var opportunitySchema = await schemas.GetAsync(StandardObjects.Opportunities, ct);
            opportunityId = (await records.CreateAsync(s, opportunitySchema, Merge(opportunityBody, body["opportunity"], "opportunity"), actor, ct)).Id;
        }

        await MarkConvertedAsync(s, leads, lead, accountId, contact.Id, opportunityId, actor, ct);
        return new JsonObject
        {
            ["leadId"] = leadId.ToString(),
            ["accountId"] = accountId.ToString(),
            ["contactId"] = contact.Id.ToString(),
            ["opportunityId"] = opportunityId?.ToString(),
        };
    }

    private async Task<Guid> AccountAsync(DbSession s, JsonObject lead, JsonObject body, Actor actor, CancellationToken ct)
    {
        if (body["accountId"] is { } given)
        {
            if (given is not JsonValue v || !Guid.TryParse(v.ToString(), out var existing)) throw ApiException.BadRequest("accountId", "must be an account id (UUID)");
            if (!await RecordStore.ExistsAsync(s, StandardObjects.Accounts.Table, existing, ct)) throw ApiException.BadRequest("accountId", $"no accounts record with id {existing}");
            return existing;
        }
        var company = lead["company"]?.GetValue<string>();
        if (company is null && body["account"]?["name"] is null)
            throw ApiException.BadRequest("accountId", "the lead has no company: give accountId of an existing account, or account.name");
        var address = lead["address"]?.DeepClone();
        var accountBody = new JsonObject
        {
            ["name"] = company,
            ["website"] = lead["website"]?.DeepClone(),
            ["industry"] = lead["industry"]?.DeepClone(),
            ["phone"] = lead["phones"]?.AsArray().FirstOrDefault()?["number"]?.DeepClone(),
            ["billingAddress"] = address,
            ["ownerId"] = lead["ownerId"]?.DeepClone(),
        };
        var schema = await schemas.GetAsync(StandardObjects.Accounts, ct);
        return (await records.CreateAsync(s, schema, Merge(accountBody, body["account"], "account"), actor, ct)).Id;
    }

    private static async Task MarkConvertedAsync(DbSession s, ObjectSchema leads, Record lead, Guid accountId, Guid contactId, Guid? opportunityId, Actor actor, CancellationToken ct)
    {
        var def = leads.Definition;
        var previous = lead.ExternalIdsJson;
        var before = lead.Copy();
        lead.Values[def.IndexOf("status")] = "converted";
        lead.Values[def.IndexOf("convertedAt")] = Timestamps.Now();
        lead.Values[def.IndexOf("convertedAccountId")] = accountId;
        lead.Values[def.IndexOf("convertedContactId")] = contactId;
        lead.Values[def.IndexOf("convertedOpportunityId")] = opportunityId;
        lead.UpdatedAt = Timestamps.After(lead.UpdatedAt);
        lead.Version++;
        if (!await RecordStore.UpdateAsync(s, def, lead, lead.Version - 1, previous, ct))
            throw ApiException.Conflict("The lead was changed by another request at the same time; retry.");
        await ChangeLog.ChangedAsync(s, leads, before, lead, actor, ct);
    }

    /// <summary>Caller-supplied fields override what is copied from the lead; nulls in the copy are dropped.</summary>
    private static JsonObject Merge(JsonObject copied, JsonNode? overrides, string name)
    {
        foreach (var key in copied.Where(p => p.Value is null).Select(p => p.Key).ToList()) copied.Remove(key);
        if (overrides is null) return copied;
        if (overrides is not JsonObject o) throw ApiException.BadRequest(name, "must be an object of fields");
        foreach (var (key, value) in o) copied[key] = value?.DeepClone();
        return copied;
    }
}
