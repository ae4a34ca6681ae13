using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Rapport.Integration.Formats;
using Rapport.Domain.Metadata;
using static Rapport.Api.Soap.SoapNames;

namespace Rapport.Api.Soap;

/// <summary>
/// Records between their SOAP form (the object's complex type) and the JSON the REST API speaks, so a
/// SOAP call goes through the same services, validation and errors as REST. Writing follows the
/// schema's element order; reading takes the elements in any order and passes values that do not fit
/// their type on as text, for the validator to report against the field name.
/// </summary>
public static class SoapRecordXml
{
    private static readonly XName Nil = XName.Get("nil", Xsi);

    public static JsonObject Read(XElement record, ObjectSchema schema)
    {
        var json = new JsonObject();
        foreach (var e in record.Elements())
        {
            var name = Local(e);
            JsonNode? value = name switch
            {
                SystemFields.Custom => IsNil(e) ? null : ReadObject(e, schema.Custom),
                SystemFields.ExternalIds => IsNil(e) ? null : ReadExternalIds(e),
                SystemFields.Id or SystemFields.OwnerId => ReadField(e, new FieldDef { Name = name, Kind = FieldKind.Reference }),
                SystemFields.Version => ReadField(e, new FieldDef { Name = name, Kind = FieldKind.Integer }),
                SystemFields.CreatedAt or SystemFields.UpdatedAt => ReadField(e, new FieldDef { Name = name, Kind = FieldKind.DateTime }),
                _ when schema.Definition.Field(name) is { } field => ReadField(e, field),
                _ => e.HasElements ? ReadObject(e, static _ => null) : JsonValue.Create(e.Value),
            };
            Add(json, name, value);
        }
        return json;
    }

    private static JsonNode? ReadField(XElement e, FieldDef field)
    {
        if (IsNil(e)) return null;
        switch (field.Kind)
        {
            case FieldKind.Object:
                return e.HasElements ? ReadObject(e, field.Child) : Blank(e) ? null : JsonValue.Create(e.Value);
            case FieldKind.Array:
                var items = new JsonArray();
                foreach (var item in e.Elements())
                    items.Add(IsNil(item) ? null : field.Children is null ? JsonValue.Create(item.Value) : ReadObject(item, field.Child));
                return items;
            case FieldKind.MultiPicklist:
                return new JsonArray(e.Elements().Select(v => (JsonNode?)JsonValue.Create(v.Value)).ToArray());
        }
        if (e.HasElements) return ReadObject(e, static _ => null);
        var text = e.Value;
        if (field.Kind is FieldKind.Text) return JsonValue.Create(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return null;
        return field.Kind switch
        {
            FieldKind.Integer or FieldKind.Decimal or FieldKind.Money when decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            FieldKind.Boolean when trimmed is "true" or "1" => JsonValue.Create(true),
            FieldKind.Boolean when trimmed is "false" or "0" => JsonValue.Create(false),
            _ => JsonValue.Create(trimmed),
        };
    }

    private static JsonObject ReadObject(XElement e, Func<string, FieldDef?> fieldOf)
    {
        var json = new JsonObject();
        foreach (var child in e.Elements())
        {
            var name = Local(child);
            Add(json, name, fieldOf(name) is { } field ? ReadField(child, field)
                : IsNil(child) ? null
                : child.HasElements ? ReadObject(child, static _ => null)
                : JsonValue.Create(child.Value));
        }
        return json;
    }

    private static JsonObject ReadExternalIds(XElement e)
    {
        var json = new JsonObject();
        foreach (var item in e.Elements())
        {
            var system = Child(item, "system")?.Value.Trim();
            if (string.IsNullOrEmpty(system)) throw SoapFaultException.Sender("Each externalId needs a system.", "externalIds");
            var id = Child(item, "id");
            Add(json, system, id is null || IsNil(id) ? null : JsonValue.Create(id.Value), "externalIds.");
        }
        return json;
    }

    public static void Write(XmlWriter w, string element, ObjectSchema schema, JsonObject record)
    {
        var def = schema.Definition;
        w.WriteStartElement(element, Namespace);
        Scalar(w, record, SystemFields.Id, FieldKind.Reference);
        foreach (var field in def.Fields)
            if (record.TryGetPropertyValue(field.Name, out var value)) WriteField(w, field, value);
        Scalar(w, record, SystemFields.OwnerId, FieldKind.Reference);
        if (record[SystemFields.ExternalIds] is JsonObject externalIds)
        {
            w.WriteStartElement(SystemFields.ExternalIds, Namespace);
            foreach (var (system, id) in externalIds)
            {
                w.WriteStartElement("externalId", Namespace);
                w.WriteElementString("system", Namespace, XmlRecordWriter.Clean(system));
                w.WriteElementString("id", Namespace, XmlRecordWriter.Clean(Text(id, FieldKind.Text)));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (record[SystemFields.Custom] is JsonObject custom)
        {
            w.WriteStartElement(SystemFields.Custom, Namespace);
            foreach (var field in schema.CustomFields)
                if (custom.TryGetPropertyValue(field.Name, out var value)) WriteField(w, field, value);
            w.WriteEndElement();
        }
        Scalar(w, record, SystemFields.CreatedAt, FieldKind.DateTime);
        Scalar(w, record, SystemFields.UpdatedAt, FieldKind.DateTime);
        Scalar(w, record, SystemFields.Version, FieldKind.Integer);
        w.WriteEndElement();
    }

    private static void Scalar(XmlWriter w, JsonObject record, string name, FieldKind kind)
    {
        if (record.TryGetPropertyValue(name, out var value)) WriteField(w, new FieldDef { Name = name, Kind = kind }, value);
    }

    private static void WriteField(XmlWriter w, FieldDef field, JsonNode? value)
    {
        w.WriteStartElement(field.Name, Namespace);
        switch (field.Kind, value)
        {
            case (_, null):
                w.WriteAttributeString("nil", Xsi, "true");
                break;
            case (FieldKind.Object, JsonObject obj):
                foreach (var child in field.Children ?? [])
                    if (obj.TryGetPropertyValue(child.Name, out var v)) WriteField(w, child, v);
                break;
            case (FieldKind.Array, JsonArray items):
                var item = new FieldDef { Name = field.ItemName ?? "item", Kind = field.Children is null ? FieldKind.Text : FieldKind.Object, Children = field.Children };
                foreach (var v in items) WriteField(w, item, v);
                break;
            case (FieldKind.MultiPicklist, JsonArray values):
                foreach (var v in values) w.WriteElementString("value", Namespace, XmlRecordWriter.Clean(Text(v, FieldKind.Text)));
                break;
            default:
                w.WriteString(XmlRecordWriter.Clean(Text(value, field.Kind)));
                break;
        }
        w.WriteEndElement();
    }

    /// <summary>The lexical form of a JSON scalar for its schema type (numbers in plain decimal notation).</summary>
    private static string Text(JsonNode? node, FieldKind kind)
    {
        if (node is not JsonValue value) return node?.ToJsonString() ?? "";
        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number when kind is FieldKind.Integer && value.TryGetValue(out long l) => l.ToString(CultureInfo.InvariantCulture),
            JsonValueKind.Number when value.TryGetValue(out decimal d) => d.ToString(CultureInfo.InvariantCulture),
            _ => value.ToJsonString(),
        };
    }

    private static bool IsNil(XElement e) => (string?)e.Attribute(Nil) is "true" or "1";

    private static bool Blank(XElement e) => string.IsNullOrWhiteSpace(e.Value);

    private static string Local(XElement e) => e.Name.Namespace == Namespace || e.Name.Namespace == XNamespace.None
        ? e.Name.LocalName
        : throw SoapFaultException.Sender($"The element '{e.Name.LocalName}' is in the namespace '{e.Name.NamespaceName}'; record elements belong to {Namespace}.", e.Name.LocalName);

    internal static XElement? Child(XElement e, string name) => e.Element(XName.Get(name, Namespace)) ?? e.Element(XName.Get(name));

    private static void Add(JsonObject json, string name, JsonNode? value, string prefix = "")
    {
        if (!json.TryAdd(name, value)) throw SoapFaultException.Sender($"The element '{prefix}{name}' appears twice.", prefix + name);
    }
}
