using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rapport.Integration.Formats;

/// <summary>
/// Flattens one JSON record to the cells of a <see cref="SourceRow"/>, the same way for every reader:
/// nested objects become dotted columns (<c>address.city</c>, <c>a.b.c</c>), arrays stay one cell of
/// compact JSON, strings their text, numbers their JSON text as written (<c>12.50</c>), booleans
/// <c>true</c>/<c>false</c>, null and empty strings null. An empty nested object is one null cell under
/// its own name (XML cannot tell <c>{}</c> from an empty element, so both read the same). The JSON readers feed it tokens; the XML
/// reader feeds it the record's <see cref="JsonObject"/>, so both give the same cells for the same record.
/// </summary>
internal sealed class JsonRecordFlattener
{
    /// <summary>How array cells are written: compact, with the escaping of the REST API (<c>RecordJson.Options</c>).</summary>
    private static readonly JsonWriterOptions ArrayWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    private readonly int _maxDepth;
    private readonly List<string> _columns = [];
    private readonly List<string?> _values = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];

    /// <summary>The column count where each open nested object began, to tell an empty object.</summary>
    private readonly List<int> _objectStarts = [];
    private readonly ArrayBufferWriter<byte> _arrayBuffer = new(256);
    private readonly Utf8JsonWriter _arrayWriter;
    private string? _error;
    private long _line;

    public JsonRecordFlattener(int maxDepth)
    {
        _maxDepth = maxDepth;
        _arrayWriter = new Utf8JsonWriter(_arrayBuffer, ArrayWriterOptions);
    }

    /// <summary>
    /// Reads the object the reader is on (its <see cref="JsonTokenType.StartObject"/>) through its end.
    /// False when the data ran out first: the caller gives the reader more and starts again from the object.
    /// </summary>
    /// <exception cref="ImportFormatException">The object nests deeper than the limit.</exception>
    public bool TryFlatten(ref Utf8JsonReader reader, long line)
    {
        Start(line);
        var recordDepth = reader.CurrentDepth;
        var prefix = "";
        while (true)
        {
            if (!reader.Read()) return false;
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                if (reader.CurrentDepth == recordDepth) return true;
                if (_columns.Count == _objectStarts[^1]) Add(prefix[..^1], null);
                _prefixes.RemoveAt(_prefixes.Count - 1);
                _objectStarts.RemoveAt(_objectStarts.Count - 1);
                prefix = _prefixes.Count == 0 ? "" : _prefixes[^1];
                continue;
            }

            var name = Text(ref reader);
            var column = prefix.Length == 0 ? name : prefix + name;
            if (!reader.Read()) return false;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    CheckDepth(reader.CurrentDepth - recordDepth + 1);
                    prefix = column + ".";
                    _prefixes.Add(prefix);
                    _objectStarts.Add(_columns.Count);
                    break;
                case JsonTokenType.StartArray:
                    if (!TryCopyArray(ref reader, recordDepth)) return false;
                    Add(column, Encoding.UTF8.GetString(_arrayBuffer.WrittenSpan));
                    break;
                case JsonTokenType.String:
                    var text = Text(ref reader);
                    Add(column, text.Length == 0 ? null : text);
                    break;
                case JsonTokenType.Number:
                    Add(column, Encoding.UTF8.GetString(reader.ValueSpan));
                    break;
                case JsonTokenType.True:
                    Add(column, "true");
                    break;
                case JsonTokenType.False:
                    Add(column, "false");
                    break;
                default:
                    Add(column, null);
                    break;
            }
        }
    }

    /// <summary>Flattens a record already parsed into a node (the XML reader's path).</summary>
    public void Flatten(JsonObject record, long line)
    {
        Start(line);
        FlattenObject(record, "", 1);
    }

    /// <summary>The row for the record just flattened; its columns are its own.</summary>
    public SourceRow ToRow() => new()
    {
        Line = _line,
        Columns = _columns.ToArray(),
        Values = _values.ToArray(),
        Error = _error,
    };

    /// <summary>A row that could not be read at all: no cells, just the reason.</summary>
    public static SourceRow ErrorRow(long line, string error) => new()
    {
        Line = line,
        Columns = [],
        Values = [],
        Error = error,
    };

    public static ImportFormatException TooDeep(long line, int maxDepth) => new(
        string.Create(CultureInfo.InvariantCulture, $"line {line}: the record nests objects and arrays deeper than {maxDepth} levels."), line);

    private void Start(long line)
    {
        _line = line;
        _error = null;
        _columns.Clear();
        _values.Clear();
        _seen.Clear();
        _prefixes.Clear();
        _objectStarts.Clear();
    }

    private void CheckDepth(int depth)
    {
        if (depth > _maxDepth) throw TooDeep(_line, _maxDepth);
    }

    private void Add(string column, string? value)
    {
        if (!_seen.Add(column))
            _error ??= string.Create(CultureInfo.InvariantCulture, $"line {_line}: the record has '{column}' more than once.");
        _columns.Add(column);
        _values.Add(value);
    }

    /// <summary>A property name or string value; text that is not valid UTF-8 is kept with replacement characters and the row flagged.</summary>
    private string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            _error ??= string.Create(CultureInfo.InvariantCulture, $"line {_line}: the record has text that is not valid UTF-8.");
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    /// <summary>Copies the array the reader is on to compact JSON in <see cref="_arrayBuffer"/>.</summary>
    private bool TryCopyArray(ref Utf8JsonReader reader, int recordDepth)
    {
        _arrayBuffer.ResetWrittenCount();
        _arrayWriter.Reset(_arrayBuffer);
        var arrayDepth = reader.CurrentDepth;
        CheckDepth(arrayDepth - recordDepth + 1);
        _arrayWriter.WriteStartArray();
        while (true)
        {
            if (!reader.Read()) return false;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    CheckDepth(reader.CurrentDepth - recordDepth + 1);
                    _arrayWriter.WriteStartObject();
                    break;
                case JsonTokenType.StartArray:
                    CheckDepth(reader.CurrentDepth - recordDepth + 1);
                    _arrayWriter.WriteStartArray();
                    break;
                case JsonTokenType.EndObject:
                    _arrayWriter.WriteEndObject();
                    break;
                case JsonTokenType.EndArray:
                    _arrayWriter.WriteEndArray();
                    if (reader.CurrentDepth == arrayDepth)
                    {
                        _arrayWriter.Flush();
                        return true;
                    }
                    break;
                case JsonTokenType.PropertyName:
                    _arrayWriter.WritePropertyName(Text(ref reader));
                    break;
                case JsonTokenType.String:
                    _arrayWriter.WriteStringValue(Text(ref reader));
                    break;
                case JsonTokenType.Number:
                    _arrayWriter.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                    _arrayWriter.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    _arrayWriter.WriteBooleanValue(false);
                    break;
                case JsonTokenType.Null:
                    _arrayWriter.WriteNullValue();
                    break;
            }
        }
    }

    private void FlattenObject(JsonObject obj, string prefix, int depth)
    {
        CheckDepth(depth);
        foreach (var (name, value) in obj)
        {
            var column = prefix.Length == 0 ? name : prefix + name;
            switch (value)
            {
                case JsonObject { Count: 0 }:
                    Add(column, null);
                    break;
                case JsonObject child:
                    FlattenObject(child, column + ".", depth + 1);
                    break;
                case JsonArray array:
                    CheckDepth(depth + 1);
                    _arrayBuffer.ResetWrittenCount();
                    _arrayWriter.Reset(_arrayBuffer);
                    array.WriteTo(_arrayWriter);
                    _arrayWriter.Flush();
                    Add(column, Encoding.UTF8.GetString(_arrayBuffer.WrittenSpan));
                    break;
                case JsonValue scalar:
                    Add(column, ScalarCell(scalar));
                    break;
                default:
                    Add(column, null);
                    break;
            }
        }
    }

    private static string? ScalarCell(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => XmlRecordWriter.ScalarText(value) is { Length: > 0 } text ? text : null,
        JsonValueKind.Null => null,
        _ => XmlRecordWriter.ScalarText(value),
    };
}
