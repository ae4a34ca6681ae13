using System.Text.Json.Nodes;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>
/// The error answers of contract §3: RFC 9457 problem details under one schema, one shared response
/// per status, so every operation says the same thing about the same failure. 301 and 410 are the
/// answers for the id of a merged record, whose problem also says where the record went.
/// </summary>
internal static class ProblemResponses
{
    public const string MergedSchemaName = "MergedProblem";

    private static readonly SortedDictionary<int, (string Name, string Description)> ByStatus = new()
    {
        [301] = ("MovedPermanently", "The record was merged into another one: `Location` (and the body's `location`) is the survivor, which clients that follow redirects read instead. `mergeId` names the merge, which can be undone."),
        [400] = ("BadRequest", "The request is malformed or a value is invalid; `errors` names each field with its messages."),
        [401] = ("Unauthorized", "No bearer token, or one that is expired or not issued by this server."),
        [403] = ("Forbidden", "The token lacks the scope this call needs."),
        [404] = ("NotFound", "There is no such record (a deleted record counts as absent) or route."),
        [406] = ("NotAcceptable", "The Accept header asks only for formats this call does not offer."),
        [409] = ("Conflict", "The change clashes with existing data: a unique value or an external id taken by another record."),
        [410] = ("Gone", "The record was merged into another one (`mergedInto`, `location`): change the survivor instead, or undo the merge (`mergeId`) first."),
        [412] = ("PreconditionFailed", "`If-Match` names a version that is no longer current; read the record again and retry."),
        [413] = ("PayloadTooLarge", "The body is larger than 5 MB."),
        [415] = ("UnsupportedMediaType", "The Content-Type is not one this call reads."),
        [422] = ("UnprocessableContent", "The Idempotency-Key was already used with a different body."),
    };

    public static string NameOf(int status) =>
        ByStatus.TryGetValue(status, out var entry) ? entry.Name : throw new ArgumentOutOfRangeException(nameof(status), status, "No shared problem response.");

    public static JsonObject Components()
    {
        var responses = new JsonObject();
        foreach (var (status, (name, description)) in ByStatus)
        {
            var response = new JsonObject { ["description"] = description };
            if (status == 401) response["headers"] = new JsonObject { ["WWW-Authenticate"] = HeaderRef(SharedHeaders.WwwAuthenticate) };
            if (status == 301)
                response["headers"] = new JsonObject
                {
                    ["Location"] = new JsonObject { ["description"] = "The survivor's path, `/api/v1/{object}/{survivorId}`.", ["schema"] = String(format: "uri-reference") },
                };
            var schema = status is 301 or 410 ? MergedSchemaName : "Problem";
            response["content"] = Content(SchemaRef(schema), MediaTypes.ProblemJson, MediaTypes.ProblemXml);
            responses[name] = response;
        }
        return responses;
    }

    public static JsonObject Schema()
    {
        var schema = Object(new JsonObject
        {
            ["type"] = String("A URI naming the kind of problem.", "uri-reference"),
            ["title"] = String("A short summary of the kind of problem."),
            ["status"] = new JsonObject { ["type"] = "integer", ["format"] = "int32", ["minimum"] = 100, ["maximum"] = 599 },
            ["detail"] = String("What went wrong with this request, in a sentence."),
            ["traceId"] = new JsonObject { ["type"] = "string", ["nullable"] = true, ["description"] = "Quote it when reporting the problem; the server log carries it." },
            ["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "For invalid input: field path (`emails[0].address`, `custom.<name>`) to its messages.",
                ["additionalProperties"] = ArrayOf(String()),
            },
        }, ["type", "title", "status"], "An RFC 9457 problem. Never carries a stack trace.");
        schema["xml"] = new JsonObject { ["name"] = "problem" };
        return schema;
    }

    /// <summary>The problem of a merged record's id: a problem plus where the record went.</summary>
    public static JsonObject MergedSchema() => new()
    {
        ["description"] = "The problem answered for the id of a merged record.",
        ["allOf"] = new JsonArray(
            SchemaRef("Problem"),
            Object(new JsonObject
            {
                ["mergedInto"] = String("The survivor's id.", "uuid"),
                ["mergeId"] = String("The merge, to read or undo at `/api/v1/merges/{mergeId}`.", "uuid"),
                ["location"] = String("The survivor's path.", "uri-reference"),
            }, ["mergedInto", "mergeId", "location"])),
        ["xml"] = new JsonObject { ["name"] = "problem" },
    };
}
