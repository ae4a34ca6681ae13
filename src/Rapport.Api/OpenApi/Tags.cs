using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.OpenApi;

/// <summary>The groups the docs UI shows: one per object, then the calls that are not about one object.</summary>
internal static class Tags
{
    public const string OAuth = "OAuth";
    public const string Health = "Health";
    public const string Docs = "Docs";
    public const string Batch = "Batch";
    public const string Metadata = "Metadata";
    public const string Users = "Users";
    public const string Jobs = "Jobs";
    public const string DataQuality = "Data quality";
    public const string Changes = "Changes";
    public const string Webhooks = "Webhooks";
    public const string Usage = "Usage";
    public const string Metrics = "Metrics";

    public static string Of(ObjectDef def) => Names.Pascal(def.Name);

    public static JsonArray All(IEnumerable<ObjectSchema> schemas)
    {
        var tags = new JsonArray();
        foreach (var schema in schemas)
            tags.Add(Tag(Of(schema.Definition), $"{schema.Definition.Label} records at `/api/v1/{schema.Name}`."));
        tags.Add(Tag(Batch, "Many record calls in one request, optionally all or nothing."));
        tags.Add(Tag(Metadata, "Custom fields, the opportunity pipeline and normalisation settings, changed at runtime."));
        tags.Add(Tag(Users, "The people records are owned by."));
        tags.Add(Tag(Jobs, "Bulk import and export of files (CSV, JSON, JSON Lines, XML, XLSX, vCard, iCalendar) as background jobs."));
        tags.Add(Tag(DataQuality, "Finding duplicates, merging records (and undoing it), and each record's audit trail of merges and normalised values."));
        tags.Add(Tag(Changes, "Every change of every record in commit order, to follow from a cursor (also as CloudEvents)."));
        tags.Add(Tag(Webhooks, "Signed deliveries of changes to subscribed URLs (Standard Webhooks), with their delivery log."));
        tags.Add(Tag(Usage, "Calls, errors and latency per day, client and operation, REST and SOAP alike."));
        tags.Add(Tag(OAuth, "Tokens for API clients (OAuth 2.0 client credentials)."));
        tags.Add(Tag(Health, "Liveness and readiness for load balancers and orchestrators."));
        tags.Add(Tag(Metrics, "Prometheus metrics of requests, the change feed, webhooks and jobs."));
        tags.Add(Tag(Docs, "This document, and a Postman collection made from it."));
        return tags;
    }

    private static JsonObject Tag(string name, string description) => new() { ["name"] = name, ["description"] = description };
}
