using System.Text.Json.Nodes;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>
/// The error answers of contract §3: RFC 9457 problem details under one schema, one shared response
/// per status, so every operation says the same thing about the same failure.
/// </summary>
internal static class ProblemResponses
{
    private static readonly SortedDictionary<int, (string Name, string Description)> ByStatus = new()
    {
        [400] = ("BadRequest", "The request is malformed or a value is invalid; `errors` names each field with its messages."),
        [401] = ("Unauthorized", "No bearer token, or one that is expired or not issued by this server."),
        [403] = ("Forbidden", "The token lacks the scope this call needs."),
        [404] = ("NotFound", "There is no such record (a deleted record counts as absent) or route."),
        [406] = ("NotAcceptable", "The Accept header asks only for formats this call does not offer."),
        [409] = ("Conflict", "The change clashes with existing data: a unique value or an external id taken by another record."),
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
            response["content"] = Content(SchemaRef("Problem"), MediaTypes.ProblemJson, MediaTypes.ProblemXml);
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
}
