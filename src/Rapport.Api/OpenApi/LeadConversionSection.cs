using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Domain.Metadata;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary><c>POST /api/v1/leads/{id}/convert</c>: a qualified lead becomes an account, a contact and optionally an opportunity.</summary>
internal static class LeadConversionSection
{
    public static void AddSchemas(ComponentSchemas components)
    {
        var request = Object(new JsonObject
        {
            ["accountId"] = String("An existing account to attach the contact to, instead of creating one.", "uuid"),
            ["account"] = Overrides(StandardObjects.Accounts, "Fields for the new account, over those taken from the lead (`company`, `address`, ...)."),
            ["contact"] = Overrides(StandardObjects.Contacts, "Fields for the new contact, over those taken from the lead (names, emails, phones, address)."),
            ["createOpportunity"] = Boolean("Create an opportunity too; defaults to true when `opportunity` is sent, else false."),
            ["opportunity"] = Overrides(StandardObjects.Opportunities, "Fields for the new opportunity."),
        }, description: "How to convert; every property is optional.");
        request["additionalProperties"] = false;
        request["example"] = new JsonObject { ["account"] = new JsonObject { ["name"] = "Acme GmbH" }, ["createOpportunity"] = false };
        components.Add("LeadConversionRequest", request);

        components.Add("LeadConversionResult", Object(new JsonObject
        {
            ["leadId"] = String(format: "uuid"),
            ["accountId"] = String(format: "uuid"),
            ["contactId"] = String(format: "uuid"),
            ["opportunityId"] = Nullable(String(format: "uuid")),
        }, ["leadId", "accountId", "contactId", "opportunityId"], "What the conversion created or used. The lead's status is now `converted`."));
    }

    public static void AddPaths(JsonObject paths) =>
        new OperationBuilder("convertLead", Tags.Of(StandardObjects.Leads), "Convert a lead")
            .Describe("Creates (or reuses) an account, creates a contact from the lead and, when asked, an opportunity, in one transaction. " +
                      "The lead records what it became (`convertedAccountId`, ...). A lead converts once: again is 409.")
            .Scope(Scopes.Write)
            .Parameter(ParameterRef(SharedParameters.Id))
            .Body(Content(SchemaRef("LeadConversionRequest"), MediaTypes.Negotiated), "Conversion options; the body may be omitted.", required: false)
            .Response(200, "Converted.", Content(SchemaRef("LeadConversionResult"), MediaTypes.Negotiated))
            .Problems(400, 404, 406, 409, 410, 413, 415)
            .AddTo(paths, "/api/v1/leads/{id}/convert", "post");

    private static JsonObject Overrides(ObjectDef def, string description) =>
        new() { ["description"] = description, ["allOf"] = new JsonArray(SchemaRef(RecordSchemas.PatchName(def))) };
}
