using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Domain.Validation;
using Rapport.Integration.Webhooks;

namespace Rapport.Api.Webhooks;

/// <summary>
/// A subscription's fields as a client sends them (create or merge patch), checked together so that one 400
/// names every bad field: the URL through <see cref="WebhookTargetGuard"/> (private and loopback targets only
/// when allowed), the events through <see cref="EventPatterns"/>.
/// </summary>
public sealed class WebhookInput
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;
    public const int MaxPatterns = 50;

    private static readonly string[] Known = ["url", "events", "description", "active"];

    public string? Url { get; private init; }
    public IReadOnlyList<string>? Events { get; private init; }
    public bool HasDescription { get; private init; }
    public string? Description { get; private init; }
    public bool? Active { get; private init; }

    /// <summary>A new subscription: <c>url</c> and <c>events</c> are required.</summary>
    public static WebhookInput ForCreate(JsonObject body, bool allowPrivate) => Read(body, allowPrivate, create: true);

    /// <summary>A change: only the fields sent; <c>description: null</c> removes the description.</summary>
    public static WebhookInput ForPatch(JsonObject body, bool allowPrivate) => Read(body, allowPrivate, create: false);

    private static WebhookInput Read(JsonObject body, bool allowPrivate, bool create)
    {
        var errors = new Dictionary<string, List<string>>();
        void Error(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        foreach (var (key, _) in body)
            if (!Known.Contains(key)) Error(key, $"is not a field of a webhook subscription (fields: {string.Join(", ", Known)})");

        string? url = null;
        if (body.TryGetPropertyValue("url", out var urlNode) || create)
        {
            if (Text(urlNode) is not { } text) Error("url", urlNode is null ? "is required" : "must be a string");
            else if (text.Length > MaxUrlLength) Error("url", $"must be at most {MaxUrlLength} characters");
            else if (WebhookTargetGuard.Validate(text, allowPrivate) is { } refused) Error("url", refused);
            else url = text;
        }

        List<string>? events = null;
        if (body.TryGetPropertyValue("events", out var eventsNode) || create)
        {
            if (eventsNode is not JsonArray array) Error("events", eventsNode is null ? "is required: a list of event patterns such as contact.*, *.deleted or *" : "must be a list of event patterns");
            else if (array.Count == 0) Error("events", "must name at least one event pattern (* is every event)");
            else if (array.Count > MaxPatterns) Error("events", $"must have at most {MaxPatterns} patterns");
            else
            {
                events = [];
                foreach (var item in array)
                {
                    if (Text(item) is not { } pattern) Error("events", "every pattern must be a string");
                    else if (EventPatterns.Validate(pattern) is { } invalid) Error("events", invalid);
                    else if (!events.Contains(pattern)) events.Add(pattern);
                }
            }
        }

        string? description = null;
        var hasDescription = body.TryGetPropertyValue("description", out var descriptionNode);
        if (descriptionNode is not null)
        {
            if (Text(descriptionNode) is not { } text) Error("description", "must be a string or null");
            else if (text.Length > MaxDescriptionLength) Error("description", $"must be at most {MaxDescriptionLength} characters");
            else description = text.Length == 0 ? null : text;
        }

        bool? active = null;
        if (body.TryGetPropertyValue("active", out var activeNode))
        {
            if (activeNode is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) active = v.GetValue<bool>();
            else Error("active", "must be true or false");
        }

        if (errors.Count > 0) throw new ValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return new WebhookInput { Url = url, Events = events, HasDescription = hasDescription, Description = description, Active = active };
    }

    /// <summary>
    /// The overlap of a secret rotation in hours (<c>overlapHours</c>, default 24, at most a week; 0 ends the old
    /// secret at once): how long the old secret still signs, next to the new one.
    /// </summary>
    public static TimeSpan Overlap(JsonObject body)
    {
        foreach (var (key, _) in body)
            if (key != "overlapHours") throw ValidationException.For(key, "is not an option of a secret rotation (options: overlapHours)");
        var node = body["overlapHours"];
        if (node is null) return TimeSpan.FromHours(24);
        if (node is JsonValue v && v.TryGetValue<double>(out var hours) && hours is >= 0 and <= 168) return TimeSpan.FromHours(hours);
        throw ValidationException.For("overlapHours", "must be a number of hours from 0 to 168");
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim() : null;
}
