using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Rapport.Domain.Metadata;

namespace Rapport.Integration.Formats;

/// <summary>
/// Writes the JSON form of records (and any other JSON payload) as XML for integrators whose
/// middleware speaks only XML. It works from the JSON node, not the stored record, so XML can never
/// say something JSON does not; the schema only supplies element names for array items.
/// The shape is the one <see cref="XmlRecordReader"/> reads back.
/// </summary>
public static class XmlRecordWriter
{
    internal const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The element of an array item, and of an object property whose name is not an XML name.</summary>
    internal const string ItemElement = "item";

    /// <summary>The attribute carrying the original property name on an <c>item</c> element.</summary>
    internal const string NameAttribute = "name";

    /// <summary>Writes one record as <c>&lt;contact&gt;...&lt;/contact&gt;</c>.</summary>
    public static void WriteRecord(XmlWriter w, ObjectSchema schema, JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(record);
        WriteRecordElement(w, schema, record, declareXsi: true);
    }

    /// <summary>Writes a page of records as <c>&lt;contacts nextCursor="..."&gt;</c> with one record element each.</summary>
    public static void WriteList(XmlWriter w, ObjectSchema schema, IEnumerable<JsonObject> records, string? nextCursor)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(records);
        WriteListStart(w, schema, nextCursor);
        foreach (var record in records) WriteListRecord(w, schema, record);
        w.WriteEndElement();
    }

    /// <summary>Opens the list element (<c>&lt;contacts&gt;</c>, declaring <c>xsi</c>); the caller closes it after the records.</summary>
    internal static void WriteListStart(XmlWriter w, ObjectSchema schema, string? nextCursor)
    {
        w.WriteStartElement(schema.Definition.Name);
        DeclareXsi(w);
        if (nextCursor is not null) w.WriteAttributeString("nextCursor", Clean(nextCursor));
    }

    /// <summary>Writes one record element inside an open list element.</summary>
    internal static void WriteListRecord(XmlWriter w, ObjectSchema schema, JsonObject record) =>
        WriteRecordElement(w, schema, record, declareXsi: false);

    /// <summary>
    /// Writes any JSON as XML under <paramref name="rootName"/>: objects become child elements,
    /// arrays repeated <c>&lt;item&gt;</c> elements, null an <c>xsi:nil</c> element. Property names
    /// that are not XML names become <c>&lt;item name="original"&gt;</c>.
    /// </summary>
    public static void WriteGeneric(XmlWriter w, string rootName, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentException.ThrowIfNullOrEmpty(rootName);
        w.WriteStartElement(rootName);
        DeclareXsi(w);
        WriteGenericContent(w, node);
        w.WriteEndElement();
    }

    /// <summary>Runs <paramref name="write"/> against a UTF-8, unindented writer and returns the document with its declaration.</summary>
    public static string ToXmlString(Action<XmlWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var settings = WriterSettings();
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartDocument();
            write(w);
            w.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The settings of every XML document Rapport writes: UTF-8 without BOM, unindented, line breaks entitized.</summary>
    public static XmlWriterSettings WriterSettings() => new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        OmitXmlDeclaration = false,
        NewLineHandling = NewLineHandling.Entitize,
    };

    private static void WriteRecordElement(XmlWriter w, ObjectSchema schema, JsonObject record, bool declareXsi)
    {
        w.WriteStartElement(schema.Definition.Singular);
        if (declareXsi) DeclareXsi(w);
        foreach (var (name, value) in record)
        {
            StartKeyed(w, name);
            if (name == SystemFields.Custom && value is JsonObject custom) WriteObject(w, custom, schema.Custom);
            else if ((schema.Definition.Field(name) ?? SystemField(name)) is { } field) WriteFieldContent(w, field, value);
            else WriteGenericContent(w, value);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteFieldContent(XmlWriter w, FieldDef field, JsonNode? value)
    {
        switch (field.Kind, value)
        {
            case (_, null):
                WriteNil(w);
                break;
            case (FieldKind.Object, JsonObject obj):
                WriteObject(w, obj, field.Child);
                break;
            case (FieldKind.Array, JsonArray items):
                foreach (var item in items)
                {
                    w.WriteStartElement(field.ItemName ?? ItemElement);
                    if (item is JsonObject itemObject) WriteObject(w, itemObject, field.Child);
                    else WriteGenericContent(w, item);
                    w.WriteEndElement();
                }
                break;
            case (FieldKind.MultiPicklist, JsonArray values):
                foreach (var item in values)
                {
                    w.WriteStartElement("value");
                    WriteGenericContent(w, item);
                    w.WriteEndElement();
                }
                break;
            default:
                WriteGenericContent(w, value);
                break;
        }
    }

    /// <summary>Writes the properties of an object, each typed by <paramref name="fieldOf"/> when it knows the name.</summary>
    private static void WriteObject(XmlWriter w, JsonObject obj, Func<string, FieldDef?> fieldOf)
    {
        foreach (var (name, value) in obj)
        {
            StartKeyed(w, name);
            if (fieldOf(name) is { } field) WriteFieldContent(w, field, value);
            else WriteGenericContent(w, value);
            w.WriteEndElement();
        }
    }

    private static void WriteGenericContent(XmlWriter w, JsonNode? node)
    {
        switch (node)
        {
            case null:
                WriteNil(w);
                break;
            case JsonObject obj:
                WriteObject(w, obj, static _ => null);
                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    w.WriteStartElement(ItemElement);
                    WriteGenericContent(w, item);
                    w.WriteEndElement();
                }
                break;
            case JsonValue value:
                w.WriteString(Clean(ScalarText(value)));
                break;
        }
    }

    /// <summary>The text of a JSON scalar: strings as they are, numbers in their JSON (invariant) form, booleans as true/false.</summary>
    internal static string ScalarText(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.TryGetValue(out string? s) ? s : ReparseString(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => value.ToJsonString(),
    };

    private static string ReparseString(JsonValue value)
    {
        using var doc = JsonDocument.Parse(value.ToJsonString());
        return doc.RootElement.GetString() ?? "";
    }

    private static void StartKeyed(XmlWriter w, string name)
    {
        if (IsPlainName(name))
        {
            w.WriteStartElement(name);
            return;
        }
        w.WriteStartElement(ItemElement);
        w.WriteAttributeString(NameAttribute, Clean(name));
    }

    /// <summary>
    /// True when a property name can be an element name as it is: an XML NCName that does not start
    /// with the reserved "xml" and is not "item" (which would read back as an array element).
    /// </summary>
    internal static bool IsPlainName(string name)
    {
        if (name.Length == 0 || name == ItemElement || name.StartsWith("xml", StringComparison.OrdinalIgnoreCase)) return false;
        if (!XmlConvert.IsStartNCNameChar(name[0])) return false;
        for (var i = 1; i < name.Length; i++)
            if (!XmlConvert.IsNCNameChar(name[i])) return false;
        return true;
    }

    private static void DeclareXsi(XmlWriter w) => w.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);

    private static void WriteNil(XmlWriter w) => w.WriteAttributeString("xsi", "nil", XsiNamespace, "true");

    /// <summary>Replaces characters XML 1.0 cannot carry (control characters, lone surrogates) with U+FFFD.</summary>
    public static string Clean(string text)
    {
        var firstBad = FirstInvalid(text, 0);
        if (firstBad < 0) return text;
        var sb = new StringBuilder(text.Length);
        var start = 0;
        while (firstBad >= 0)
        {
            sb.Append(text, start, firstBad - start).Append('\uFFFD');
            start = firstBad + 1;
            firstBad = FirstInvalid(text, start);
        }
        return sb.Append(text, start, text.Length - start).ToString();
    }

    private static int FirstInvalid(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c)) { i++; continue; }
            return i;
        }
        return -1;
    }

    /// <summary>The kinds of the system fields, so their values read and write like standard fields.</summary>
    private static readonly FrozenDictionary<string, FieldDef> SystemDefs = new Dictionary<string, FieldDef>(StringComparer.Ordinal)
    {
        [SystemFields.Id] = new() { Name = SystemFields.Id, Kind = FieldKind.Reference },
        [SystemFields.OwnerId] = new() { Name = SystemFields.OwnerId, Kind = FieldKind.Reference, Target = "users" },
        [SystemFields.CreatedAt] = new() { Name = SystemFields.CreatedAt, Kind = FieldKind.DateTime },
        [SystemFields.UpdatedAt] = new() { Name = SystemFields.UpdatedAt, Kind = FieldKind.DateTime },
        [SystemFields.Version] = new() { Name = SystemFields.Version, Kind = FieldKind.Integer },
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The field definition of a system field (id, ownerId, createdAt, updatedAt, version), or null.</summary>
    internal static FieldDef? SystemField(string name) => SystemDefs.GetValueOrDefault(name);
}
