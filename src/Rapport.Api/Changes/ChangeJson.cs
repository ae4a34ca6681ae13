using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Data.Changes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;

namespace Rapport.Api.Changes;

/// <summary>
/// The three shapes of a recorded change, written straight from the stored row (the record and the
/// changed fields are stored as JSON and copied raw): a feed entry (contract §4), a CloudEvents 1.0
/// event (structured mode) for the bus, and the Standard Webhooks payload.
/// </summary>
public static class ChangeJson
{
    public const string CloudEventsBatchMediaType = "application/cloudevents-batch+json";
    public const string CloudEventMediaType = "application/cloudevents+json";

    public static void WriteEntry(Utf8JsonWriter w, ChangeRow c)
    {
        w.WriteStartObject();
        w.WriteString("seq", c.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("object", c.Object);
        w.WriteString("id", c.RecordId);
        w.WriteString("op", c.Op);
        w.WriteString("at", Timestamps.ToText(c.At));
        w.WriteNumber("version", c.Version);
        w.WritePropertyName("changedFields");
        w.WriteRawValue(c.ChangedFieldsJson, skipInputValidation: true);
        if (c.MergedInto is { } survivor) w.WriteString("mergedInto", survivor);
        w.WriteStartObject("actor");
        w.WriteString("clientId", c.ClientId);
        if (c.UserId is { } user) w.WriteString("userId", user);
        else w.WriteNull("userId");
        w.WriteEndObject();
        w.WritePropertyName("record");
        w.WriteRawValue(c.RecordJson, skipInputValidation: true);
        w.WriteEndObject();
    }

    /// <summary>
    /// A CloudEvent: <c>id</c> is the change's seq (stable when an event is sent again, so consumers can
    /// deduplicate), <c>source</c> the object's collection, <c>type</c> <c>com.rapport.contact.created</c>,
    /// <c>subject</c> the record id; <c>sequence</c> (the CloudEvents sequence extension) orders events.
    /// </summary>
    public static void WriteCloudEvent(Utf8JsonWriter w, ChangeRow c)
    {
        var seq = c.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.WriteStartObject();
        w.WriteString("specversion", "1.0");
        w.WriteString("id", seq);
        w.WriteString("source", "/api/v1/" + c.Object);
        w.WriteString("type", CloudEventType(c));
        w.WriteString("subject", c.RecordId);
        w.WriteString("time", Timestamps.ToText(c.At));
        w.WriteString("datacontenttype", "application/json");
        w.WriteString("sequence", seq);
        w.WriteString("rapportop", c.Op);
        if (c.MergedInto is { } survivor) w.WriteString("rapportmergedinto", survivor);
        w.WritePropertyName("data");
        w.WriteRawValue(c.RecordJson, skipInputValidation: true);
        w.WriteEndObject();
    }

    /// <summary>The Standard Webhooks payload: <c>{"type":"contact.created","timestamp","data"}</c>.</summary>
    public static void WriteWebhookPayload(Utf8JsonWriter w, ChangeRow c)
    {
        w.WriteStartObject();
        w.WriteString("type", EventName(c));
        w.WriteString("timestamp", Timestamps.ToText(c.At));
        w.WritePropertyName("data");
        w.WriteRawValue(c.RecordJson, skipInputValidation: true);
        w.WriteEndObject();
    }

    /// <summary><c>contact.created</c>: the object's singular name and the op (also the bus routing key).</summary>
    public static string EventName(ChangeRow c) => $"{Singular(c.Object)}.{c.Op}";

    public static string CloudEventType(ChangeRow c) => "com.rapport." + EventName(c);

    public static string Singular(string objectName) => StandardObjects.Find(objectName)?.Singular ?? objectName;

    /// <summary>A feed entry as a node (for XML, which goes through the generic writer).</summary>
    public static JsonNode ToNode(ChangeRow c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) WriteEntry(w, c);
        return JsonNode.Parse(buffer.ToArray())!;
    }
}
