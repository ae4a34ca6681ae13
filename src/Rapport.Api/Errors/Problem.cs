using System.Text.Json.Nodes;
using Rapport.Data.Records;
using Rapport.Domain.Validation;

namespace Rapport.Api.Errors;

/// <summary>An RFC 9457 problem, built from any failure a request can meet. Never carries a stack trace.</summary>
/// <param name="Extensions">Further members of the problem object (RFC 9457 §3.2), such as where a merged record went.</param>
public sealed record Problem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null, string? Type = null, JsonObject? Extensions = null)
{
    public static Problem From(Exception exception) => exception switch
    {
        ValidationException v => new Problem(400, "Invalid request", v.Message == "The request has invalid fields." ? Summarize(v.Errors) : v.Message, v.Errors, "https://rapport.dev/problems/validation"),
        RecordMergedException m => new Problem(410, "Gone", m.Message, null, "https://rapport.dev/problems/merged", m.Extensions()),
        ApiException a => new Problem(a.Status, a.Title, a.Message, a.Errors),
        ExternalIdConflictException e => new Problem(409, "Conflict", e.Message,
            new Dictionary<string, string[]> { [$"externalIds.{e.System}"] = [e.Message] }),
        Rapport.Integration.Formats.XmlBodyException x => new Problem(400, "Malformed XML", x.Message, new Dictionary<string, string[]> { ["body"] = [x.Message] }),
        BadHttpRequestException b => new Problem(b.StatusCode, "Bad request", b.Message),
        OperationCanceledException => new Problem(499, "Client closed request", "The request was cancelled."),
        // The database's own unique indexes are the last line when two writers race past the checks.
        Npgsql.PostgresException { SqlState: "23505" } p => new Problem(409, "Conflict",
            $"A value that must be unique is already used ({p.ConstraintName}); fetch the current data and retry."),
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } => new Problem(409, "Conflict",
            "A value that must be unique is already used; fetch the current data and retry."),
        _ => new Problem(500, "Internal Server Error", "An unexpected error occurred. It has been logged with the trace id."),
    };

    private static string Summarize(IReadOnlyDictionary<string, string[]> errors)
    {
        var first = errors.First();
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : "";
        return $"{first.Key}: {first.Value[0]}{more}";
    }

    public JsonObject ToJson(string? traceId)
    {
        var o = new JsonObject
        {
            ["type"] = Type ?? $"https://httpstatuses.io/{Status}",
            ["title"] = Title,
            ["status"] = Status,
            ["detail"] = Detail,
            ["traceId"] = traceId,
        };
        if (Errors is not null)
        {
            var errors = new JsonObject();
            foreach (var (field, messages) in Errors) errors[field] = new JsonArray(messages.Select(m => (JsonNode?)m).ToArray());
            o["errors"] = errors;
        }
        if (Extensions is not null)
            foreach (var (name, value) in Extensions) o[name] = value?.DeepClone();
        return o;
    }
}
