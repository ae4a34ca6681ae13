using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Changes;
using Rapport.Data.Changes;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary><c>GET /api/v1/changes</c> (contract §4): the change feed, also as CloudEvents.</summary>
internal static class ChangesSection
{
    private static readonly string[] Ops = [ChangeOps.Created, ChangeOps.Updated, ChangeOps.Deleted, ChangeOps.Merged, ChangeOps.Restored];

    public static void AddSchemas(ComponentSchemas components, IReadOnlyList<string> objects)
    {
        components.Add("Change", Object(new JsonObject
        {
            ["seq"] = String("The change's place in the feed, in commit order (a decimal number as a string; also a cursor)."),
            ["object"] = Enum(objects),
            ["id"] = String("The record's id.", "uuid"),
            ["op"] = Enum(Ops, "`merged`: the record was merged into `mergedInto` and is gone (GET answers 301 to the survivor); `restored`: undeleted, or brought back by undoing a merge."),
            ["at"] = String("When the change was made (the record's updatedAt).", "date-time"),
            ["version"] = Integer("The record's version after the change."),
            ["changedFields"] = ArrayOf(String(), "API names of the fields that changed (`title`, `custom.tier`, `externalIds.erp`, `ownerId`); for `created` the fields with a value; empty for deleted, restored and merged."),
            ["mergedInto"] = String("`merged` only: the survivor's id.", "uuid"),
            ["actor"] = Object(new JsonObject
            {
                ["clientId"] = String("The API client that made the change (`system` for the server itself)."),
                ["userId"] = Nullable(String("The client's user, if it has one.", "uuid")),
            }, ["clientId", "userId"]),
            ["record"] = new JsonObject { ["type"] = "object", ["description"] = "The record as it was right after the change, as `GET /api/v1/{object}/{id}` gave it then." },
        }, ["seq", "object", "id", "op", "at", "version", "changedFields", "actor", "record"]));
        components.Add("ChangePage", Object(new JsonObject
        {
            ["data"] = ArrayOf(SchemaRef("Change")),
            ["nextCursor"] = String("Where the next read starts (`since`): the last change's seq, or, after an empty page, the current end of the feed. Never null, so a reader can always poll on."),
            ["hasMore"] = Boolean("More changes are waiting: read again at once."),
        }, ["data", "nextCursor", "hasMore"]));
        components.Add("CloudEvent", Object(new JsonObject
        {
            ["specversion"] = Enum(["1.0"]),
            ["id"] = String("The change's seq: the same each time this change is sent, so consumers can deduplicate."),
            ["source"] = String("`/api/v1/{object}`."),
            ["type"] = String("`com.rapport.<singular>.<op>`, e.g. `com.rapport.contact.created`."),
            ["subject"] = String("The record's id.", "uuid"),
            ["time"] = String(null, "date-time"),
            ["datacontenttype"] = Enum(["application/json"]),
            ["sequence"] = String("The change's seq (CloudEvents sequence extension)."),
            ["rapportop"] = Enum(Ops),
            ["rapportmergedinto"] = String("`merged` only: the survivor's id.", "uuid"),
            ["data"] = new JsonObject { ["type"] = "object", ["description"] = "The record after the change." },
        }, ["specversion", "id", "source", "type", "subject", "time", "data"], "A change as a CloudEvents 1.0 event (structured JSON); the same events go to RabbitMQ."));
    }

    public static void AddPaths(JsonObject paths)
    {
        new OperationBuilder("listChanges", Tags.Changes, "Read the change feed")
            .Describe("Every change of every record, in commit order, from a cursor: no change is skipped or reordered, also with many concurrent writers. " +
                      "Read with `since` = the previous page's `nextCursor` (omitted: from the oldest change kept). Changes are kept for the retention window " +
                      "(30 days unless `RAPPORT_CHANGE_RETENTION_DAYS` says otherwise); a cursor older than that answers 410. " +
                      $"With `Accept: {ChangeJson.CloudEventsBatchMediaType}` the page comes as a JSON array of CloudEvents and the cursor in `X-Next-Cursor`.")
            .Scope(Scopes.Read)
            .Parameter(SharedParameters.Query("since", String(), "The cursor: `nextCursor` of the previous page, or a `seq`. Changes after it are returned."))
            .Parameter(SharedParameters.Query("objects", String(), "Comma-separated objects to include, e.g. `contacts,accounts` (default all)."))
            .Parameter(SharedParameters.Query("limit", Integer(minimum: 1, maximum: ChangeFeed.MaxLimit), $"Changes per page (default {ChangeFeed.DefaultLimit})."))
            .Response(200, "A page of changes.", new JsonObject
            {
                [MediaTypes.Json] = new JsonObject { ["schema"] = SchemaRef("ChangePage") },
                [MediaTypes.Xml] = new JsonObject { ["schema"] = SchemaRef("ChangePage") },
                [ChangeJson.CloudEventsBatchMediaType] = new JsonObject { ["schema"] = ArrayOf(SchemaRef("CloudEvent")) },
            }, new JsonObject { ["X-Next-Cursor"] = new JsonObject { ["description"] = "The page's nextCursor.", ["schema"] = String() } })
            .Response(410, "The cursor is older than the retention window: the changes after it were deleted. Resynchronise, then read from the `since` the detail names.",
                Content(SchemaRef("Problem"), MediaTypes.ProblemJson, MediaTypes.ProblemXml))
            .Problems(400, 406)
            .AddTo(paths, "/api/v1/changes", "get");
    }
}
