using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using Rapport.Domain.Metadata;

namespace Rapport.Integration.Formats;

/// <summary>
/// Turns an XML request body into the JSON a JSON client would have sent, so XML bodies go through
/// the one validator and write path. Types come from the schema; a value that does not fit its type
/// is passed on as text so the validator reports it against the field name. Parsing is hardened
/// (no DTD, no resolver, size, depth and element-count limits) because bodies come from outside.
/// </summary>
public static class XmlRecordReader
{
    public const int MaxDepth = 32;
    public const int MaxElements = 10_000;
    public const long MaxCharacters = 10_000_000;

    /// <summary>Reads a record body (<c>&lt;contact&gt;...&lt;/contact&gt;</c>; the root name is not checked).</summary>
    /// <exception cref="XmlBodyException">The body is malformed, has a DTD, or breaks a limit.</exception>
    public static JsonObject Read(Stream body, ObjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(schema);
        return ToRecord(Parse(() => XmlReader.Create(body, Settings())), schema);
    }

    /// <inheritdoc cref="Read(Stream, ObjectSchema)"/>
    public static JsonObject Read(string body, ObjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(schema);
        return ToRecord(Parse(() => XmlReader.Create(new StringReader(body), Settings())), schema);
    }

    /// <summary>
    /// Reads a non-record body: elements with children become objects (or arrays when every child is
    /// an unnamed <c>&lt;item&gt;</c>), leaf text stays a string, <c>xsi:nil</c> becomes null.
    /// </summary>
    /// <exception cref="XmlBodyException">The body is malformed, has a DTD, or breaks a limit.</exception>
    public static JsonNode? ReadGeneric(Stream body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Generic(Parse(() => XmlReader.Create(body, Settings())));
    }

    /// <inheritdoc cref="ReadGeneric(Stream)"/>
    public static JsonNode? ReadGeneric(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Generic(Parse(() => XmlReader.Create(new StringReader(body), Settings())));
    }

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        Async = false,
    };

    /// <summary>The JSON of one record element, typed by the schema.</summary>
    /// <exception cref="XmlBodyException">The record repeats an element.</exception>
    internal static JsonObject ToRecord(Element root, ObjectSchema schema)
    {
        var record = new JsonObject();
        if (root.Nil) return record;
        foreach (var child in root.Children)
        {
            var key = child.Key;
            JsonNode? value;
            if (key == SystemFields.Custom) value = ToObject(child, schema.Custom);
            else if (key == SystemFields.ExternalIds) value = ToObject(child, static _ => null);
            else if ((schema.Definition.Field(key) ?? XmlRecordWriter.SystemField(key)) is { } field) value = ToField(child, field);
            else value = Generic(child);
            Add(record, child, value);
        }
        return record;
    }

    private static JsonNode? ToField(Element e, FieldDef field)
    {
        if (e.Nil) return null;
        switch (field.Kind)
        {
            case FieldKind.Object:
                return e.Children.Count == 0 ? LeafOrNull(e) : ToObject(e, field.Child);
            case FieldKind.Array:
                if (e.Children.Count == 0) return LeafOrEmptyArray(e);
                var items = new JsonArray();
                foreach (var item in e.Children)
                    items.Add(item.Nil ? null : item.Children.Count > 0 || item.IsBlank ? ToObject(item, field.Child) : Generic(item));
                return items;
            case FieldKind.MultiPicklist:
                if (e.Children.Count == 0) return LeafOrEmptyArray(e);
                var values = new JsonArray();
                foreach (var item in e.Children) values.Add(Generic(item));
                return values;
        }
        if (e.Children.Count > 0) return Generic(e);
        return Scalar(e.Text.ToString(), field.Kind);
    }

    /// <summary>The JSON a client would send for a leaf value of a scalar field.</summary>
    private static JsonNode? Scalar(string text, FieldKind kind)
    {
        if (kind == FieldKind.Text) return JsonValue.Create(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return null;
        switch (kind)
        {
            case FieldKind.Integer or FieldKind.Decimal or FieldKind.Money:
                return decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(text);
            case FieldKind.Boolean:
                return trimmed switch
                {
                    "true" or "1" => JsonValue.Create(true),
                    "false" or "0" => JsonValue.Create(false),
                    _ => JsonValue.Create(text),
                };
            default:
                return JsonValue.Create(text);
        }
    }

    private static JsonObject ToObject(Element e, Func<string, FieldDef?> fieldOf)
    {
        var obj = new JsonObject();
        foreach (var child in e.Children)
            Add(obj, child, fieldOf(child.Key) is { } field ? ToField(child, field) : Generic(child));
        return obj;
    }

    /// <summary>An empty element of an object field is "no value"; text where an object belongs goes on as text for the validator.</summary>
    private static JsonNode? LeafOrNull(Element e) => e.IsBlank ? null : JsonValue.Create(e.Text.ToString());

    /// <summary>An empty element of an array field is the empty array (as the writer writes it).</summary>
    private static JsonNode LeafOrEmptyArray(Element e) => e.IsBlank ? new JsonArray() : JsonValue.Create(e.Text.ToString());

    private static JsonNode? Generic(Element e)
    {
        if (e.Nil) return null;
        if (e.Children.Count == 0) return JsonValue.Create(e.Text.ToString());
        if (e.Children.TrueForAll(c => c.IsArrayItem))
        {
            var items = new JsonArray();
            foreach (var child in e.Children) items.Add(Generic(child));
            return items;
        }
        var obj = new JsonObject();
        foreach (var child in e.Children) Add(obj, child, Generic(child));
        return obj;
    }

    private static void Add(JsonObject obj, Element child, JsonNode? value)
    {
        if (!obj.TryAdd(child.Key, value))
            throw new XmlBodyException(
                $"The XML body repeats the element '{child.Key}' at line {child.Line}, position {child.Position}.", child.Line, child.Position);
    }

    /// <summary>Reads the whole body into a small element tree, enforcing every limit while reading.</summary>
    private static Element Parse(Func<XmlReader> open)
    {
        XmlReader? reader = null;
        try
        {
            reader = open();
            var lineInfo = reader as IXmlLineInfo;
            var stack = new Stack<Element>();
            Element? root = null;
            var count = 0;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        var line = lineInfo?.LineNumber ?? 0;
                        var position = lineInfo?.LinePosition ?? 0;
                        if (++count > MaxElements)
                            throw new XmlBodyException($"The XML body has more than {MaxElements:N0} elements (line {line}, position {position}).", line, position);
                        if (stack.Count >= MaxDepth)
                            throw new XmlBodyException($"The XML body nests elements deeper than {MaxDepth} levels at line {line}, position {position}.", line, position);
                        var element = ReadElement(reader, line, position);
                        if (stack.TryPeek(out var parent)) parent.Children.Add(element);
                        else root = element;
                        if (!element.IsEmpty) stack.Push(element);
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        if (stack.TryPeek(out var current)) current.Text.Append(reader.Value);
                        break;
                    case XmlNodeType.EndElement:
                        stack.Pop();
                        break;
                    case XmlNodeType.DocumentType:
                        throw Dtd(null);
                }
            }
            return root ?? throw new XmlBodyException("The XML body has no root element.");
        }
        catch (XmlException ex)
        {
            throw Translate(ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new XmlBodyException("The XML body is not valid text in its declared encoding.", null, null, ex);
        }
        finally
        {
            reader?.Dispose();
        }
    }

    /// <summary>The element the reader is on, with its <c>xsi:nil</c> and <c>name</c> attributes; text and children are added by the caller.</summary>
    internal static Element ReadElement(XmlReader reader, int line, int position)
    {
        var element = new Element(reader.LocalName, line, position) { IsEmpty = reader.IsEmptyElement };
        while (reader.MoveToNextAttribute())
        {
            if (reader.NamespaceURI == XmlRecordWriter.XsiNamespace && reader.LocalName == "nil")
                element.Nil = reader.Value.Trim() is "true" or "1";
            else if (reader.NamespaceURI.Length == 0 && reader.LocalName == XmlRecordWriter.NameAttribute)
                element.NameAttribute = reader.Value;
        }
        reader.MoveToElement();
        return element;
    }

    private static XmlBodyException Translate(XmlException ex)
    {
        int? line = ex.LineNumber > 0 ? ex.LineNumber : null;
        int? position = ex.LinePosition > 0 ? ex.LinePosition : null;
        if (ex.Message.Contains("DTD", StringComparison.Ordinal)) return Dtd(ex);
        if (ex.Message.Contains(nameof(XmlReaderSettings.MaxCharactersInDocument), StringComparison.Ordinal))
            return new XmlBodyException($"The XML body is longer than {MaxCharacters:N0} characters.", line, position, ex);
        var where = line is null ? "" : $" at line {line}, position {position}";
        return new XmlBodyException($"The XML body is malformed{where}: {Reason(ex)}", line, position, ex);
    }

    private static XmlBodyException Dtd(Exception? inner) => new("XML with a DTD is not accepted.", null, null, inner);

    /// <summary>The parser's message on one line, without control characters or its own "Line n, position m." suffix.</summary>
    internal static string Reason(XmlException ex)
    {
        var message = new string(ex.Message.ReplaceLineEndings(" ").Where(c => !char.IsControl(c)).ToArray()).Trim();
        var suffix = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        if (suffix > 0 && ex.LineNumber > 0) message = message[..suffix].Trim();
        return message.EndsWith('.') ? message : message + ".";
    }

    /// <summary>One parsed element: just what the conversions need.</summary>
    internal sealed class Element(string name, int line, int position)
    {
        public string Name { get; } = name;
        public int Line { get; } = line;
        public int Position { get; } = position;
        public bool IsEmpty { get; init; }
        public bool Nil { get; set; }
        public string? NameAttribute { get; set; }
        public StringBuilder Text { get; } = new();
        public List<Element> Children { get; } = [];

        /// <summary>The property name this element stands for: the <c>name</c> attribute of an <c>item</c>, else the element name.</summary>
        public string Key => Name == XmlRecordWriter.ItemElement && NameAttribute is not null ? NameAttribute : Name;

        /// <summary>True when the element holds no text but whitespace (ignored where a container belongs).</summary>
        public bool IsBlank
        {
            get
            {
                foreach (var chunk in Text.GetChunks())
                    if (!chunk.Span.IsWhiteSpace()) return false;
                return true;
            }
        }

        public bool IsArrayItem => Name == XmlRecordWriter.ItemElement && NameAttribute is null;
    }
}
