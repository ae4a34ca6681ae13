namespace Rapport.Domain.Validation;

/// <summary>Field path → messages, in the shape problem details' <c>errors</c> member takes.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>Thrown inside services when input breaks the rules; mapped to a 400 problem at the edge.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors, string? detail = null)
    : Exception(detail ?? "The request has invalid fields.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>The errors on one line, for a CLI message or a job's error: <c>field: message, message; field: message</c>.</summary>
    public string Summary => string.Join("; ", Errors.Select(x => $"{x.Key}: {string.Join(", ", x.Value)}"));

    public static ValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] }, $"{field}: {message}");
}
