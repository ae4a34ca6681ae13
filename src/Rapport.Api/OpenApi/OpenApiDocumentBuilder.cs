using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.0.3 document of the whole API (contract §3, <c>GET /openapi/v1.json</c>) from
/// object metadata rather than by reflection over routes: the record routes are generic
/// (<c>/api/v1/{object}</c>) and custom fields exist only at runtime, so only the metadata knows
/// what a contact looks like right now. Cheap enough to build per request.
/// </summary>
public static class OpenApiDocumentBuilder
{
    public const string Version = "3.0.3";

    /// <param name="schemas">The objects as they are now, custom fields included.</param>
    /// <param name="stageNames">The pipeline's stages, the values of an opportunity's <c>stage</c>.</param>
    /// <param name="serverUrl">The origin integrators reach the API at, without a trailing slash.</param>
    public static JsonObject Build(IReadOnlyList<ObjectSchema> schemas, IReadOnlyList<string> stageNames, string serverUrl)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(stageNames);
        ArgumentNullException.ThrowIfNull(serverUrl);

        var components = new ComponentSchemas();
        foreach (var schema in schemas)
            foreach (var name in RecordSchemas.NamesOf(schema.Definition).Concat(DataQualitySection.NamesOf(schema.Definition))) components.Reserve(name);
        components.Add("Problem", ProblemResponses.Schema());
        components.Add(ProblemResponses.MergedSchemaName, ProblemResponses.MergedSchema());
        var paths = new JsonObject();
        var objectNames = schemas.Select(s => s.Name).ToList();
        var has = objectNames.ToHashSet(StringComparer.Ordinal);

        foreach (var schema in schemas)
        {
            RecordSchemas.Add(components, schema, stageNames);
            RecordPaths.Add(paths, schema, stageNames);
        }
        if (has.Contains(StandardObjects.Leads.Name) && has.Contains(StandardObjects.Accounts.Name) &&
            has.Contains(StandardObjects.Contacts.Name) && has.Contains(StandardObjects.Opportunities.Name))
        {
            LeadConversionSection.AddSchemas(components);
            LeadConversionSection.AddPaths(paths);
        }
        if (has.Contains(StandardObjects.Campaigns.Name))
        {
            CampaignMembersSection.AddSchemas(components);
            CampaignMembersSection.AddPaths(paths);
        }
        BatchSection.AddSchemas(components);
        BatchSection.AddPaths(paths);
        JobsSection.AddSchemas(components);
        JobsSection.AddPaths(paths);
        DataQualitySection.AddSchemas(components, schemas);
        DataQualitySection.AddPaths(paths, schemas);
        CustomFieldsSection.AddSchemas(components, objectNames);
        CustomFieldsSection.AddPaths(paths, objectNames);
        PipelineSection.AddSchemas(components);
        PipelineSection.AddPaths(paths);
        UsersSection.AddSchemas(components);
        UsersSection.AddPaths(paths);
        OAuthSection.AddSchemas(components);
        OAuthSection.AddPaths(paths);
        ChangesSection.AddSchemas(components, objectNames);
        ChangesSection.AddPaths(paths);
        WebhooksSection.AddSchemas(components);
        WebhooksSection.AddPaths(paths);
        UsageSection.AddSchemas(components);
        UsageSection.AddPaths(paths);
        HealthSection.AddSchemas(components);
        HealthSection.AddPaths(paths);

        return new JsonObject
        {
            ["openapi"] = Version,
            ["info"] = Info(),
            ["servers"] = new JsonArray(new JsonObject { ["url"] = serverUrl.TrimEnd('/') }),
            ["security"] = SecurityScheme.DefaultRequirement(),
            ["tags"] = Tags.All(schemas),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = components.Schemas,
                ["responses"] = ProblemResponses.Components(),
                ["parameters"] = SharedParameters.Components(),
                ["headers"] = SharedHeaders.Components(),
                ["securitySchemes"] = new JsonObject { [SecurityScheme.Name] = SecurityScheme.Component() },
            },
        };
    }

    private static JsonObject Info() => new()
    {
        ["title"] = "Rapport API",
        ["version"] = "1",
        ["description"] = """
            Rapport is an integration-first CRM. Every object (accounts, contacts, leads, ...) has the same calls under `/api/v1/{object}`.

            **Authentication.** OAuth 2.0 client credentials: `POST /oauth/token` with a client's id and secret gives a bearer token; each call needs the scope it names.

            **Formats.** JSON by default (camelCase, UTC ISO 8601 times). Send and accept `application/xml` instead where middleware speaks only XML: the same fields as elements, array items named for the item (`<emails><email>`), null as `xsi:nil`. Lists also answer as `text/csv`.

            **Records.** Every record has `id` (UUIDv7), `createdAt`, `updatedAt`, `version` (the ETag), `ownerId`, `externalIds` and `custom`. Custom fields appear in this document as soon as they are defined.

            **Merged records.** The id of a record merged into another stays meaningful: GET answers 301 with the survivor's `Location`, changes answer 410; both bodies name the survivor (`mergedInto`) and the merge (`mergeId`).

            **Errors.** RFC 9457 problem details with a `traceId`; validation errors name each field in `errors`.
            """,
    };
}
