namespace Rapport.Api.Errors;

/// <summary>An expected failure with an HTTP meaning (404, 409, 412, 422 ...), turned into problem details at the edge.</summary>
public sealed class ApiException(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiException NotFound(string objectName, Guid id) =>
        new(404, "Not Found", $"No {objectName} record with id {id}.");

    public static ApiException NotFound(string detail) => new(404, "Not Found", detail);

    public static ApiException Conflict(string detail, string? field = null) =>
        new(409, "Conflict", detail, field is null ? null : new Dictionary<string, string[]> { [field] = [detail] });

    public static ApiException BadRequest(string field, string message) =>
        new(400, "Bad Request", $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });
}
