using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Endpoints;
using Rapport.Data.Quality;
using Rapport.Domain.Merging;
using Rapport.Domain.Metadata;
using Rapport.Domain.Normalisation;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>
/// Data quality (contract §6): duplicate scans, the review list and checks (<c>/api/v1/duplicates</c>),
/// merges of records with their undo (<c>/api/v1/{object}/merge</c>, <c>/api/v1/merges</c>), a record's
/// audit trail, and the per-object normalisation settings every write path applies. The merge call and
/// the audit are written out per object, like the record calls, so a merge names the fields it can
/// choose and returns the object's own record schema.
/// </summary>
internal static class DataQualitySection
{
    private const string MatchThreshold = "0.9";

    private static readonly string[] Strategies = ["survivor", "mostRecent", "mostComplete", "sourcePriority"];

    private static readonly string[] Actions = [AuditActions.Normalised, AuditActions.Merged, AuditActions.MergedInto, AuditActions.MergeUndone];

    public static string MergeRequestName(ObjectDef def) => RecordSchemas.RecordName(def) + "MergeRequest";

    public static string MergeResultName(ObjectDef def) => RecordSchemas.RecordName(def) + "MergeResult";

    /// <summary>The per-object component names, reserved before nested shapes are named.</summary>
    public static IEnumerable<string> NamesOf(ObjectDef def) => [MergeRequestName(def), MergeResultName(def)];

    public static void AddSchemas(ComponentSchemas components, IReadOnlyList<ObjectSchema> schemas)
    {
        var objects = schemas.Select(s => s.Name).ToList();
        foreach (var schema in schemas)
        {
            components.Add(MergeRequestName(schema.Definition), MergeRequest(schema));
            components.Add(MergeResultName(schema.Definition), MergeResult(schema.Definition));
        }
        AddMergeSchemas(components);
        AddDuplicateSchemas(components, objects);
        AddNormalisationSchemas(components);
        MatchingSettingsSection.AddSchemas(components);
    }

    public static void AddPaths(JsonObject paths, IReadOnlyList<ObjectSchema> schemas)
    {
        foreach (var schema in schemas) AddObjectPaths(paths, schema.Definition);
        AddMergePaths(paths);
        AddDuplicatePaths(paths, schemas.Select(s => s.Name).ToList());
        AddNormalisationPaths(paths, schemas.Select(s => s.Name).ToList());
        MatchingSettingsSection.AddPaths(paths, schemas.Select(s => s.Name).ToList());
    }

    // ---- Merges --------------------------------------------------------------------------------

    private static JsonObject MergeRequest(ObjectSchema schema)
    {
        var def = schema.Definition;
        var mergedIds = ArrayOf(String(format: "uuid"), "The records to merge into the survivor; they are soft-deleted and their ids lead to it from now on.");
        mergedIds["minItems"] = 1;
        mergedIds["maxItems"] = Quality.MergeRequest.MaxMerged;
        mergedIds["uniqueItems"] = true;

        // The fields a choice may name, exactly as the server checks them.
        var candidates = def.Fields.Select(f => f.Name).Append(Survivorship.OwnerField).Concat(schema.CustomFields.Select(f => SystemFields.Custom + "." + f.Name));
        var choices = new JsonObject();
        foreach (var field in candidates.Where(f => Survivorship.IsMergeable(schema, f))) choices[field] = String(format: "uuid");
        var fieldChoices = Object(choices, description:
            "Field → id of the record (survivor or merged) whose value the survivor takes, even an empty one; wins over `strategy`. " +
            "Nested objects (an address) move whole; custom fields are `custom.<name>`.");
        fieldChoices["additionalProperties"] = false;

        var strategy = Enum(Strategies,
            "How each field not in `fieldChoices` is picked, from the records that have a value: `survivor` keeps the survivor's and fills its gaps " +
            "from the most recently updated record; `mostRecent` takes the most recently updated record's; `mostComplete` the record with most fields filled; " +
            "`sourcePriority` the record known (by `externalIds`) to the highest system in `sourcePriority`. Whatever the strategy, email and phone lists " +
            "are united (the survivor's primary stays primary), external ids are united and `ownerId` stays the survivor's.");
        strategy["default"] = "survivor";

        var request = Object(new JsonObject
        {
            ["survivorId"] = String("The record that remains, keeping its id.", "uuid"),
            ["mergedIds"] = mergedIds,
            ["fieldChoices"] = fieldChoices,
            ["strategy"] = strategy,
            ["sourcePriority"] = ArrayOf(String(), "External-id systems, most trusted first (`[\"erp\", \"web\"]`); required with `strategy` sourcePriority."),
            ["versions"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Record id → the `version` you reviewed. The merge fails with 412 when any of them changed since, instead of merging what you did not see.",
                ["additionalProperties"] = Integer(minimum: 1),
            },
        }, ["survivorId", "mergedIds"], $"A merge of {def.Name} into one survivor, all of {Names.WithArticle(def.Singular)}.");
        request["additionalProperties"] = false;
        return request;
    }

    private static JsonObject MergeResult(ObjectDef def) => Object(new JsonObject
    {
        ["mergeId"] = String("The merge, to read (`GET /api/v1/merges/{id}`) or undo.", "uuid"),
        ["survivorId"] = String(format: "uuid"),
        ["mergedIds"] = ArrayOf(String(format: "uuid")),
        ["fieldSources"] = FieldSources(),
        ["moved"] = Moved(),
        ["record"] = Described(RecordSchemas.RecordName(def), "The survivor after the merge."),
    }, ["mergeId", "survivorId", "mergedIds", "fieldSources", "moved", "record"], $"What a merge of {def.Name} did.");

    private static void AddMergeSchemas(ComponentSchemas components)
    {
        components.Add("Merge", Object(new JsonObject
        {
            ["id"] = String("The merge id.", "uuid"),
            ["object"] = String("The object merged, e.g. contacts."),
            ["survivorId"] = String(format: "uuid"),
            ["mergedIds"] = ArrayOf(String(format: "uuid")),
            ["clientId"] = String("The API client that merged."),
            ["createdAt"] = String(format: "date-time"),
            ["undoneAt"] = Nullable(String("When the merge was undone; null while it stands.", "date-time")),
            ["strategy"] = Nullable(Enum(["survivor", "mostRecent", "mostComplete", "sourcePriority"], "The strategy the merge used.")),
            ["fieldSources"] = Nullable(FieldSources()),
        }, ["id", "object", "survivorId", "mergedIds", "clientId", "createdAt", "undoneAt", "strategy", "fieldSources"], "A merge, kept after it is undone."));

        var undo = Object(new JsonObject
        {
            ["keepLaterEdits"] = With(Boolean(
                "Keep changes made to the survivor since the merge (named in `keptFields`). False refuses the undo with 409 when there are any."), "default", true),
        }, description: "Undo options; the body may be omitted.");
        undo["additionalProperties"] = false;
        components.Add("MergeUndoRequest", undo);

        components.Add("MergeUndoResult", Object(new JsonObject
        {
            ["mergeId"] = String(format: "uuid"),
            ["undone"] = Boolean("Always true."),
            ["survivorId"] = String(format: "uuid"),
            ["restoredIds"] = ArrayOf(String(format: "uuid"), "The merged records, live again under their own ids."),
            ["keptFields"] = ArrayOf(String(), "Fields of the survivor changed since the merge, which kept their later value (`title`, `custom.tier`)."),
            ["relations"] = Object(new JsonObject
            {
                ["reverted"] = Integer("Relations pointed back at the restored records."),
                ["kept"] = Integer("Relations changed since the merge, left as they are."),
            }, ["reverted", "kept"]),
            ["record"] = AnyObject("The survivor after the undo, in its object's record schema."),
        }, ["mergeId", "undone", "survivorId", "restoredIds", "keptFields", "relations", "record"], "What the undo put back."));

        components.Add("AuditEntry", Object(new JsonObject
        {
            ["id"] = String(format: "uuid"),
            ["at"] = String(format: "date-time"),
            ["clientId"] = String("The API client whose call made the change."),
            ["action"] = Enum(Actions),
            ["details"] = AnyObject(
                "By action: `normalised` `{changes: [{field, from, to, rule, note}]}`; `merged` and `mergedInto` `{mergeId, survivorId, mergedIds}`; " +
                "`mergeUndone` `{mergeId, keptFields}`."),
        }, ["id", "at", "clientId", "action", "details"], "Something a write path did to a record that the caller did not send: a normalised value, a merge, an undo."));
        components.Add("AuditList", Object(new JsonObject
        {
            ["data"] = ArrayOf(SchemaRef("AuditEntry"), "Newest first, at most 1000."),
        }, ["data"]));
    }

    private static void AddObjectPaths(JsonObject paths, ObjectDef def)
    {
        var one = Names.Pascal(def.Singular);
        var many = Names.Pascal(def.Name);

        new OperationBuilder($"merge{many}", Tags.DataQuality, $"Merge {def.Name}")
            .Describe($"Merges {def.Name} into the survivor in one transaction: field values by `strategy` and `fieldChoices`, and relations, campaign memberships " +
                      "and external ids moved to the survivor. A merged id then answers GET with 301 to the survivor and changes with 410, and an upsert by " +
                      "one of its external ids reaches the survivor. Undo with `POST /api/v1/merges/{mergeId}/undo`.")
            .Scope(Scopes.Write)
            .Body(Content(SchemaRef(MergeRequestName(def)), MediaTypes.Negotiated), "The survivor, the records to merge into it and how to pick values.")
            .Response(200, "Merged.", Content(SchemaRef(MergeResultName(def)), MediaTypes.Negotiated))
            .Problems(400, 404, 406, 413, 415)
            .Response(409, "A record is deleted (restore it first) or already merged into another, a unique value of the result is taken by " +
                           "another record, or a record changed during the merge. Nothing was merged.", ProblemContent())
            .Response(412, "A record's version is not the one in `versions`: it changed since you reviewed it. Nothing was merged.", ProblemContent())
            .Response(422, $"An id is a record of another object; only {def.Name} merge with {def.Name}.", ProblemContent())
            .AddTo(paths, $"/api/v1/{def.Name}/merge", "post");

        new OperationBuilder($"get{one}Audit", Tags.DataQuality, $"Get {Names.WithArticle(def.Singular)}'s audit trail")
            .Describe("What write paths did to the record beyond what the caller sent: values normalised, merges and their undo. " +
                      "Also answers for deleted and merged ids; an id never used gives an empty list.")
            .Scope(Scopes.Read)
            .Parameter(ParameterRef(SharedParameters.Id))
            .Response(200, "The entries, newest first.", Content(SchemaRef("AuditList"), MediaTypes.Negotiated))
            .Problems(404, 406)
            .AddTo(paths, $"/api/v1/{def.Name}/{{id}}/audit", "get");
    }

    private static void AddMergePaths(JsonObject paths)
    {
        var id = SharedParameters.Path("id", String(format: "uuid"), "The merge id (`mergeId` of the merge's answer).");

        new OperationBuilder("getMerge", Tags.DataQuality, "Get a merge")
            .Scope(Scopes.Read)
            .Parameter(id)
            .Response(200, "The merge.", Content(SchemaRef("Merge"), MediaTypes.Negotiated))
            .Problems(404, 406)
            .AddTo(paths, "/api/v1/merges/{id}", "get");

        new OperationBuilder("undoMerge", Tags.DataQuality, "Undo a merge")
            .Describe("Restores the merged records and moves their relations, campaign memberships and external ids back; the survivor gets its values " +
                      "from before the merge, except fields changed since (see `keepLaterEdits`). A merge is undone once.")
            .Scope(Scopes.Write)
            .Parameter(id)
            .Body(Content(SchemaRef("MergeUndoRequest"), MediaTypes.Negotiated), "Undo options; may be omitted.", required: false)
            .Response(200, "Undone.", Content(SchemaRef("MergeUndoResult"), MediaTypes.Negotiated))
            .Problems(400, 404, 406, 413, 415)
            .Response(409, "The merge is already undone; the survivor is deleted or merged itself; it changed since and `keepLaterEdits` is false; " +
                           "a restored record's unique value or external id now belongs to another record. Nothing was undone.", ProblemContent())
            .AddTo(paths, "/api/v1/merges/{id}/undo", "post");
    }

    // ---- Duplicates ----------------------------------------------------------------------------

    private static void AddDuplicateSchemas(ComponentSchemas components, IReadOnlyList<string> objects)
    {
        var scan = Object(new JsonObject
        {
            ["object"] = Enum(objects, "The object to scan."),
            ["threshold"] = Score($"Match probability from which two records are clustered; default {MatchThreshold}."),
        }, ["object"], "A duplicate scan of every live record of one object.");
        scan["additionalProperties"] = false;
        components.Add("DuplicateScanRequest", scan);

        components.Add("DuplicateCluster", Object(new JsonObject
        {
            ["id"] = String("The cluster id, to dismiss it.", "uuid"),
            ["object"] = String(),
            ["score"] = Score("How likely the members are one and the same (match probability)."),
            ["status"] = Enum(["open", "dismissed", "resolved"],
                "`resolved`: fewer than two members are still live (merged or deleted since the scan), so nothing is left to review."),
            ["matchedFields"] = ArrayOf(String(), "The fields that agreed (`lastName`, `email`, `externalIds.erp`)."),
            ["members"] = ArrayOf(Object(new JsonObject
            {
                ["id"] = String(format: "uuid"),
                ["externalIds"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "The member's external ids at the time of the scan.",
                    ["additionalProperties"] = String(),
                },
                ["record"] = Nullable(AnyObject("The member as it is now, in its object's record schema; null when merged or deleted since the scan.")),
            }, ["id", "externalIds", "record"])),
            ["createdAt"] = String("When the scan found it.", "date-time"),
        }, ["id", "object", "score", "status", "matchedFields", "members", "createdAt"], "Records the last scan found to be likely duplicates of each other."));

        components.Add("DuplicateClusterList", Object(new JsonObject
        {
            ["data"] = ArrayOf(SchemaRef("DuplicateCluster")),
            ["nextCursor"] = Nullable(String("Pass as `cursor` to get the next page; null on the last page.")),
        }, ["data", "nextCursor"], "A page of clusters, highest score first."));

        var records = ArrayOf(AnyObject("A record in its object's JSON form, as it would be created."), "The incoming records.");
        records["maxItems"] = DuplicatesApi.MaxCheck;
        var check = Object(new JsonObject
        {
            ["object"] = Enum(objects, "The object to compare with."),
            ["records"] = records,
            ["threshold"] = Score($"The lowest score reported; default the match model's threshold ({MatchThreshold} unless set otherwise)."),
        }, ["object", "records"], "Records to check against the stored ones; nothing is written.");
        check["additionalProperties"] = false;
        components.Add("DuplicateCheckRequest", check);

        components.Add("DuplicateCheckResult", Object(new JsonObject
        {
            ["object"] = String(),
            ["results"] = ArrayOf(Object(new JsonObject
            {
                ["index"] = Integer("The record's position in `records`.", minimum: 0),
                ["duplicates"] = ArrayOf(Object(new JsonObject
                {
                    ["id"] = String("A live stored record.", "uuid"),
                    ["score"] = Score("Match probability, rounded to 4 places."),
                    ["matchedFields"] = ArrayOf(String()),
                }, ["id", "score", "matchedFields"]), "Up to 10, best first; empty when none reaches the threshold."),
            }, ["index", "duplicates"]), "One per incoming record, in order."),
        }, ["object", "results"]));
    }

    private static void AddDuplicatePaths(JsonObject paths, IReadOnlyList<string> objects)
    {
        new OperationBuilder("startDuplicateScan", Tags.DataQuality, "Scan an object for duplicates")
            .Describe("Compares every live record of the object in the background and replaces its clusters with what it finds; a cluster dismissed before stays dismissed when the scan finds exactly the same records. " +
                      "Answers 202 with a `dedupe` job: follow it at `Location`, then review `links.duplicates`. A scan is a bulk job, hence `crm.bulk`.")
            .Scope(Scopes.Bulk)
            .Body(Content(SchemaRef("DuplicateScanRequest"), MediaTypes.Negotiated), "The object and the threshold.")
            .Response(202, "The job, queued.", Content(SchemaRef("Job"), MediaTypes.Negotiated), SharedHeaders.Of(SharedHeaders.Location))
            .Problems(400, 406, 413, 415)
            .AddTo(paths, "/api/v1/duplicates/scan", "post");

        var limit = Integer("Clusters per page (1 to 200).", 1, 200);
        limit["format"] = "int32";
        limit["default"] = 50;
        new OperationBuilder("listDuplicates", Tags.DataQuality, "List duplicate clusters to review")
            .Describe("The clusters of the last scan, highest score first, each member with its current record: merge them " +
                      "(`POST /api/v1/{object}/merge`) or dismiss them.")
            .Scope(Scopes.Read)
            .Parameter(Required(SharedParameters.Query("object", Enum(objects), "The object whose clusters to list.")))
            .Parameter(SharedParameters.Query("limit", limit, "Page size."))
            .Parameter(ParameterRef(SharedParameters.Cursor))
            .Parameter(SharedParameters.Query("minScore", With(Score(), "default", 0), "Only clusters scoring at least this."))
            .Parameter(SharedParameters.Query("status", With(Enum(["open", "dismissed"]), "default", "open"),
                "Open clusters (resolved ones included) or those dismissed."))
            .Response(200, "A page of clusters.", Content(SchemaRef("DuplicateClusterList"), MediaTypes.Negotiated))
            .Problems(400, 406)
            .AddTo(paths, "/api/v1/duplicates", "get");

        new OperationBuilder("checkDuplicates", Tags.DataQuality, "Check records for duplicates before writing them")
            .Describe($"Scores up to {DuplicatesApi.MaxCheck} incoming records (normalised as on create) against the stored live ones, writing nothing: " +
                      "use it before a create or an import to update the existing record instead. The first check of an object builds an index, " +
                      "and a match model when no scan has, so it is slower than the next ones.")
            .Scope(Scopes.Read)
            .Body(Content(SchemaRef("DuplicateCheckRequest"), MediaTypes.Negotiated), "The object and the records.")
            .Response(200, "The likely duplicates of each record.", Content(SchemaRef("DuplicateCheckResult"), MediaTypes.Negotiated))
            .Problems(400, 406, 413, 415)
            .AddTo(paths, "/api/v1/duplicates/check", "post");

        new OperationBuilder("dismissDuplicates", Tags.DataQuality, "Dismiss a duplicate cluster")
            .Describe("Marks the cluster as not duplicates: it leaves the open list (`status=dismissed` lists it). The next scan replaces it.")
            .Scope(Scopes.Write)
            .Parameter(SharedParameters.Path("id", String(format: "uuid"), "The cluster id."))
            .Response(204, "Dismissed.")
            .Problems(404, 406)
            .AddTo(paths, "/api/v1/duplicates/{id}/dismiss", "post");
    }

    // ---- Normalisation -------------------------------------------------------------------------

    private static void AddNormalisationSchemas(ComponentSchemas components)
    {
        const string rulesDescription =
            "Field path (`lastName`, `address.postalCode`, `emails.address`, `custom.vatId`) → the rule its text gets on every write " +
            "(REST, batch, import, merge), or `none` to store it as sent. Text fields only; fields not named keep their default rule.";
        var region = new JsonObject
        {
            ["type"] = "string",
            ["nullable"] = true,
            ["pattern"] = "^[A-Z]{2}$",
            ["description"] = "ISO 3166-1 alpha-2 country for phone numbers and postcodes of records without a country.",
        };
        components.Add("NormalisationSettings", Object(new JsonObject
        {
            ["defaultRegion"] = region,
            ["rules"] = RuleMap(rulesDescription),
            ["effective"] = ReadOnly(RuleMap("The rule each text field gets now: its configured one, else its default (`email`, `phone`, `personName`, " +
                                             "`whitespace` for single-line text, ...). Fields without a rule are absent.")),
        }, ["defaultRegion", "rules", "effective"], "An object's normalisation settings."));

        var input = Object(new JsonObject
        {
            ["defaultRegion"] = Nullable(String("A country code or name (`DE`, `Germany`), stored as its ISO 3166-1 alpha-2 code; null for none.")),
            ["rules"] = RuleMap(rulesDescription),
        }, description: "The settings, replaced whole: a rule not sent goes back to the default.");
        input["additionalProperties"] = false;
        components.Add("NormalisationSettingsInput", input);
    }

    private static void AddNormalisationPaths(JsonObject paths, IReadOnlyList<string> objects) =>
        AddSettingsPaths(paths, objects, "normalisation", "Normalisation",
            "The settings and the rule in force for each text field.", "Applies to writes from now on; stored records are not rewritten.");

    /// <summary>The GET (crm.read) and PUT (crm.admin) of an object's settings at <c>/api/v1/metadata/{segment}/{object}</c>.</summary>
    internal static void AddSettingsPaths(JsonObject paths, IReadOnlyList<string> objects, string segment, string name, string getDescription, string putDescription)
    {
        var objectParameter = SharedParameters.Path("object", Enum(objects), "The object the settings apply to.");
        var settings = Content(SchemaRef($"{name}Settings"), MediaTypes.Negotiated);
        var path = $"/api/v1/metadata/{segment}/{{object}}";
        var lower = name.ToLowerInvariant();

        new OperationBuilder($"get{name}", Tags.Metadata, $"Get an object's {lower} settings")
            .Scope(Scopes.Read)
            .Parameter(objectParameter)
            .Response(200, getDescription, settings)
            .Problems(404, 406)
            .AddTo(paths, path, "get");

        new OperationBuilder($"set{name}", Tags.Metadata, $"Replace an object's {lower} settings")
            .Describe(putDescription)
            .Scope(Scopes.Admin)
            .Parameter(objectParameter)
            .Body(Content(SchemaRef($"{name}SettingsInput"), MediaTypes.Negotiated), "The settings.")
            .Response(200, "The settings as stored.", settings)
            .Problems(400, 404, 406, 413, 415)
            .AddTo(paths, path, "put");
    }

    // ---- Pieces --------------------------------------------------------------------------------

    private static JsonObject RuleMap(string description) => new()
    {
        ["type"] = "object",
        ["description"] = description,
        ["additionalProperties"] = Enum([.. NormalisationSettings.RuleNames.Keys, NormalisationSettings.None]),
    };

    private static JsonObject FieldSources() => new()
    {
        ["type"] = "object",
        ["description"] = "Field → id of the record its value came from, for every field that has a value (`custom.<name>` for custom fields).",
        ["additionalProperties"] = String(format: "uuid"),
    };

    private static JsonObject Moved() => new()
    {
        ["type"] = "object",
        ["description"] = "What moved to the survivor: related records by object (`opportunities`, `activities`, ...), `campaignMemberships` and `externalIds`, each a count.",
        ["additionalProperties"] = Integer(minimum: 1),
    };

    private static JsonObject Score(string? description = null)
    {
        var s = new JsonObject { ["type"] = "number", ["format"] = "double", ["minimum"] = 0, ["maximum"] = 1 };
        if (description is not null) s["description"] = description;
        return s;
    }

    /// <summary>An object whose schema depends on the object it belongs to, so it is left open.</summary>
    private static JsonObject AnyObject(string description) => new() { ["type"] = "object", ["description"] = description, ["additionalProperties"] = true };

    /// <summary>A reference with a description of its own, which OpenAPI 3.0 only allows through <c>allOf</c>.</summary>
    private static JsonObject Described(string component, string description) =>
        new() { ["description"] = description, ["allOf"] = new JsonArray(SchemaRef(component)) };

    private static JsonObject Required(JsonObject parameter) => With(parameter, "required", true);

    private static JsonObject ProblemContent() => Content(SchemaRef("Problem"), MediaTypes.ProblemJson, MediaTypes.ProblemXml);
}
