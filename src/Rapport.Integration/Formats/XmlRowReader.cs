using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using Rapport.Domain.Metadata;
using Element = Rapport.Integration.Formats.XmlRecordReader.Element;

namespace Rapport.Integration.Formats;

/// <summary>
/// Streams an XML list in the shape <see cref="XmlRecordWriter.WriteList"/> writes
/// (<c>&lt;contacts&gt;&lt;contact&gt;...&lt;/contact&gt;...&lt;/contacts&gt;</c>): every child element of
/// the root is one record, whatever the names. A record is read like an XML request body
/// (<see cref="XmlRecordReader"/>: arrays, multipicklists, <c>xsi:nil</c>, <c>&lt;item name="..."&gt;</c>,
/// values typed by the schema) and then flattened like the JSON readers, so an XML export imports
/// exactly like a JSON export of the same records. Without a schema, an element is an array when its
/// children are unnamed <c>item</c>s, repeat one name, or are the catalogue's items (<c>emails/email</c>),
/// and values stay text. Parsing is hardened as for request bodies (no DTD, no resolver, depth and
/// record size limits); a problem with the XML itself throws <see cref="ImportFormatException"/>. The stream is left open.
/// </summary>
public sealed class XmlRowReader : IRowReader
{
    /// <summary>The item element of every array field in the catalogue, by array name (emails → email).</summary>
    private static readonly FrozenDictionary<string, string> CatalogueItems = BuildCatalogueItems();

    private readonly Stream _stream;
    private readonly ObjectSchema? _schema;
    private readonly FormatLimits _limits;
    private readonly Encoding? _encoding;
    private readonly JsonRecordFlattener _flattener;
    private readonly char[] _chunk = new char[4096];
    private XmlReader? _reader;
    private IXmlLineInfo? _lineInfo;
    private bool _done;
    private bool _reading;
    private bool _disposed;

    /// <param name="stream">The file; its encoding comes from its BOM or XML declaration unless <paramref name="encoding"/> is given.</param>
    /// <param name="schema">The object the records belong to: types values and tells arrays from objects, as the REST API does.</param>
    /// <param name="limits">Depth and record size limits.</param>
    /// <param name="encoding">An encoding that overrides the file's own declaration.</param>
    public XmlRowReader(Stream stream, ObjectSchema? schema = null, FormatLimits? limits = null, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _schema = schema;
        _limits = limits ?? FormatLimits.Default;
        _encoding = encoding;
        _flattener = new JsonRecordFlattener(_limits.MaxDepth + 1);
    }

    public IEnumerable<SourceRow> ReadRows(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_reading) throw new InvalidOperationException("The rows of a file can be read only once.");
        _reading = true;
        return Rows(ct);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _reader?.Dispose();
    }

    private IEnumerable<SourceRow> Rows(CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            var row = Next();
            if (row is null) yield break;
            yield return row;
        }
    }

    private SourceRow? Next()
    {
        if (_done) return null;
        try
        {
            if (_reader is null)
            {
                _reader = Open();
                _lineInfo = _reader as IXmlLineInfo;
                if (_reader.MoveToContent() != XmlNodeType.Element)
                    throw new ImportFormatException("The file has no XML root element.", 1);
            }
            while (_reader.Read())
            {
                if (_reader.NodeType == XmlNodeType.Element && _reader.Depth == 1) return ReadRecord();
                if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == 0)
                {
                    // Whatever follows the root must still be well-formed (comments, whitespace).
                    while (_reader.Read())
                    {
                    }
                    break;
                }
            }
            _done = true;
            return null;
        }
        catch (XmlException ex)
        {
            _done = true;
            throw Translate(ex);
        }
        catch (DecoderFallbackException ex)
        {
            _done = true;
            throw new ImportFormatException("The XML file is not valid text in its declared encoding.", Line, ex);
        }
    }

    /// <summary>Reads the record element the reader is on into a small tree, holding to the limits, and flattens it.</summary>
    private SourceRow ReadRecord()
    {
        var reader = _reader!;
        var line = Line;
        var root = XmlRecordReader.ReadElement(reader, (int)line, _lineInfo?.LinePosition ?? 0);
        long chars = root.Name.Length;
        if (!root.IsEmpty)
        {
            var open = new Stack<Element>();
            open.Push(root);
            while (open.Count > 0 && reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.Depth > _limits.MaxDepth + 1)
                            throw new ImportFormatException(
                                string.Create(CultureInfo.InvariantCulture, $"line {Line}: the record nests elements deeper than {_limits.MaxDepth} levels."), Line);
                        var element = XmlRecordReader.ReadElement(reader, (int)Line, _lineInfo?.LinePosition ?? 0);
                        chars += element.Name.Length + (element.NameAttribute?.Length ?? 0);
                        open.Peek().Children.Add(element);
                        if (!element.IsEmpty) open.Push(element);
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        var text = open.Peek().Text;
                        int n;
                        while ((n = reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                        {
                            chars += n;
                            if (chars > _limits.MaxRowChars) break;
                            text.Append(_chunk, 0, n);
                        }
                        break;
                    case XmlNodeType.EndElement:
                        open.Pop();
                        break;
                }
                if (chars > _limits.MaxRowChars)
                    throw new ImportFormatException(
                        string.Create(CultureInfo.InvariantCulture, $"line {line}: the record is larger than {_limits.MaxRowChars:N0} characters."), line);
            }
        }

        if (root.Children.Count == 0 && !root.IsBlank)
            return JsonRecordFlattener.ErrorRow(line,
                $"line {line}: <{root.Name}> holds text, not the fields of a record: the root element holds one element per record.");
        try
        {
            var record = _schema is null ? GuessRecord(root) : XmlRecordReader.ToRecord(root, _schema);
            _flattener.Flatten(record, line);
            return _flattener.ToRow();
        }
        catch (XmlBodyException ex)
        {
            return JsonRecordFlattener.ErrorRow(line, $"line {line}: {ex.Message}");
        }
    }

    private long Line => _lineInfo?.LineNumber ?? 0;

    private XmlReader Open()
    {
        TextEncodings.EnsureRegistered();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
            Async = false,
        };
        if (_encoding is null) return XmlReader.Create(_stream, settings);
        settings.CloseInput = true;
        return XmlReader.Create(new StreamReader(_stream, _encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true), settings);
    }

    private static ImportFormatException Translate(XmlException ex)
    {
        var line = ex.LineNumber > 0 ? ex.LineNumber : 0;
        if (ex.Message.Contains("DTD", StringComparison.Ordinal))
            return new ImportFormatException(
                "DTDs are not accepted: the XML file declares a document type (<!DOCTYPE>), which imports refuse for security.", line, ex);
        var where = line > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {line}: ") : "";
        return new ImportFormatException($"{where}the XML is malformed: {XmlRecordReader.Reason(ex)}", line, ex);
    }

    /// <summary>A record read without a schema: structure from the element shapes, values as text.</summary>
    private static JsonObject GuessRecord(Element root)
    {
        var record = new JsonObject();
        if (root.Nil) return record;
        foreach (var child in root.Children) Add(record, child, Guess(child));
        return record;
    }

    private static JsonNode? Guess(Element e)
    {
        if (e.Nil) return null;
        if (e.Children.Count == 0) return JsonValue.Create(e.Text.ToString());
        if (IsArray(e))
        {
            var items = new JsonArray();
            foreach (var child in e.Children) items.Add(Guess(child));
            return items;
        }
        var obj = new JsonObject();
        foreach (var child in e.Children) Add(obj, child, Guess(child));
        return obj;
    }

    private static bool IsArray(Element e)
    {
        if (e.Children.TrueForAll(c => c.IsArrayItem)) return true;
        var name = e.Children[0].Name;
        if (!e.Children.TrueForAll(c => c.Name == name && c.NameAttribute is null)) return false;
        return e.Children.Count > 1 || (CatalogueItems.TryGetValue(e.Name, out var item) && item == name);
    }

    private static void Add(JsonObject obj, Element child, JsonNode? value)
    {
        if (!obj.TryAdd(child.Key, value))
            throw new XmlBodyException(
                string.Create(CultureInfo.InvariantCulture, $"the record repeats the element '{child.Key}' (line {child.Line}, position {child.Position})."),
                child.Line, child.Position);
    }

    private static FrozenDictionary<string, string> BuildCatalogueItems()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var def in StandardObjects.All)
            foreach (var field in def.Fields)
                if (field.Kind == FieldKind.Array)
                    map.TryAdd(field.Name, field.ItemName ?? XmlRecordWriter.ItemElement);
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
