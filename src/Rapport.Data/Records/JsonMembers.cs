using System.Buffers;
using System.Text.Json;
using Rapport.Domain.Records;

namespace Rapport.Data.Records;

/// <summary>
/// Finds the wanted top-level members of a JSON object in one forward scan of its UTF-8 text and gives each
/// as cell text, the way <c>RecordFlattener</c> does from a parsed document: a string as its unescaped text,
/// a number as written, true and false as words, an object or array as its (compact, stored) JSON, and null
/// or a missing member as no value. Unescaped strings are copied to a per-row scratch buffer; everything else
/// is a slice of the scanned text, so a row costs no allocation. Not thread-safe: one per reader (<see cref="Clone"/>).
/// </summary>
internal sealed class JsonMembers
{
    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] False = "false"u8.ToArray();

    private readonly List<byte[]> _keys = [];
    private Slice[] _found = [];

    public void Add(byte[] key) => _keys.Add(key);

    public void Seal() => _found = new Slice[_keys.Count];

    /// <summary>A scanner for the same keys with its own results, for another thread.</summary>
    public JsonMembers Clone()
    {
        var copy = new JsonMembers();
        copy._keys.AddRange(_keys);
        copy.Seal();
        return copy;
    }

    /// <summary>Scans <paramref name="json"/> (the row's stored object) and remembers where each wanted member's value is.</summary>
    /// <param name="compact">Whether object and array values are to be compacted (the text has spaces).</param>
    public void Scan(ReadOnlySpan<byte> json, JsonScratch scratch, bool compact)
    {
        Array.Clear(_found);
        if (json.IsEmpty) return;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = -1;
            for (var i = 0; i < _keys.Count; i++)
                if (reader.ValueTextEquals(_keys[i])) { slot = i; break; }
            reader.Read();
            if (slot < 0) reader.Skip();
            else _found[slot] = Take(ref reader, scratch, compact);
        }
    }

    /// <summary>The cell text of member <paramref name="key"/> found by the last <see cref="Scan"/> of <paramref name="json"/>.</summary>
    public ReadOnlySpan<byte> Value(byte[] key, ReadOnlySpan<byte> json, JsonScratch scratch)
    {
        for (var i = 0; i < _keys.Count; i++)
            if (ReferenceEquals(_keys[i], key)) return _found[i].Resolve(json, scratch);
        return [];
    }

    /// <summary>
    /// Member <paramref name="property"/> of the array's item marked <c>"primary": true</c>, else of its first
    /// object item (<c>CsvListWriter.PrimaryItem</c>); no value for anything else.
    /// </summary>
    public static ReadOnlySpan<byte> PrimaryItemMember(ReadOnlySpan<byte> json, byte[] property, JsonScratch scratch, bool compact)
    {
        if (json.IsEmpty) return [];
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return [];
        Slice? first = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
            var value = default(Slice);
            var primary = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(property)) { reader.Read(); value = Take(ref reader, scratch, compact); }
                else if (reader.ValueTextEquals("primary"u8)) { reader.Read(); primary = reader.TokenType == JsonTokenType.True; reader.Skip(); }
                else { reader.Read(); reader.Skip(); }
            }
            if (primary) return value.Resolve(json, scratch);
            first ??= value;
        }
        return first is { } f ? f.Resolve(json, scratch) : [];
    }

    /// <summary>
    /// The value the reader is on, as a slice of the text, of the scratch buffer, or a literal; on an object or array
    /// the reader is left on its end.
    /// </summary>
    internal static Slice Take(ref Utf8JsonReader reader, JsonScratch scratch, bool compact)
    {
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.ValueIsEscaped:
                return new Slice(SliceKind.Text, start + 1, reader.ValueSpan.Length);
            case JsonTokenType.String:
                var at = scratch.Unescape(ref reader);
                return new Slice(SliceKind.Scratch, at, scratch.LastLength);
            case JsonTokenType.Number:
                return new Slice(SliceKind.Text, start, reader.ValueSpan.Length);
            case JsonTokenType.True:
                return new Slice(SliceKind.True, 0, 0);
            case JsonTokenType.False:
                return new Slice(SliceKind.False, 0, 0);
            case JsonTokenType.StartObject or JsonTokenType.StartArray when compact:
                var compacted = scratch.Compact(ref reader);
                return new Slice(SliceKind.Scratch, compacted, scratch.LastLength);
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return new Slice(SliceKind.Text, start, (int)reader.BytesConsumed - start);
            default:
                return default;
        }
    }

    internal enum SliceKind : byte { None, Text, Scratch, True, False }

    /// <summary>Where a value's cell text is: in the scanned text, in the row's scratch buffer, or a literal word.</summary>
    internal readonly record struct Slice(SliceKind Kind, int Start, int Length)
    {
        public ReadOnlySpan<byte> Resolve(ReadOnlySpan<byte> json, JsonScratch scratch) => Kind switch
        {
            SliceKind.Text => json.Slice(Start, Length),
            SliceKind.Scratch => scratch.Span(Start, Length),
            SliceKind.True => True,
            SliceKind.False => False,
            _ => [],
        };
    }
}

/// <summary>The unescaped strings and compacted JSON values of one row.</summary>
internal sealed class JsonScratch
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = RecordJson.Options.Encoder, SkipValidation = true };

    private byte[] _buffer = new byte[1024];
    private int _used;
    private readonly ArrayBufferWriter<byte> _output = new(1024);
    private Utf8JsonWriter? _writer;
    private byte[] _unescaped = new byte[256];

    public int LastLength { get; private set; }

    public void Reset() => _used = 0;

    /// <summary>Copies the reader's string unescaped to the buffer; returns where it starts (its length is <see cref="LastLength"/>).</summary>
    public int Unescape(ref Utf8JsonReader reader)
    {
        var max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (_buffer.Length - _used < max) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + max));
        var start = _used;
        LastLength = reader.CopyString(_buffer.AsSpan(_used));
        _used += LastLength;
        return start;
    }

    public ReadOnlySpan<byte> Span(int start, int length) => _buffer.AsSpan(start, length);

    /// <summary>The whole JSON text compact, as the API writes it (<c>JsonNode.ToJsonString(RecordJson.Options)</c>).</summary>
    public ReadOnlySpan<byte> Compact(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty) return [];
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var start = Compact(ref reader);
        return Span(start, LastLength);
    }

    /// <summary>
    /// Copies the object or array the reader is on to the buffer compact, leaving the reader on its end:
    /// strings and names are unescaped and written again with the API's encoder, numbers as written.
    /// Returns where it starts (its length is <see cref="LastLength"/>).
    /// </summary>
    public int Compact(ref Utf8JsonReader reader)
    {
        _output.ResetWrittenCount();
        if (_writer is null) _writer = new Utf8JsonWriter(_output, CompactOptions);
        else _writer.Reset(_output);
        var depth = reader.CurrentDepth;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: _writer.WriteStartObject(); break;
                case JsonTokenType.EndObject: _writer.WriteEndObject(); break;
                case JsonTokenType.StartArray: _writer.WriteStartArray(); break;
                case JsonTokenType.EndArray: _writer.WriteEndArray(); break;
                case JsonTokenType.PropertyName: _writer.WritePropertyName(Unescaped(ref reader)); break;
                case JsonTokenType.String: _writer.WriteStringValue(Unescaped(ref reader)); break;
                case JsonTokenType.Number: _writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                case JsonTokenType.True: _writer.WriteBooleanValue(true); break;
                case JsonTokenType.False: _writer.WriteBooleanValue(false); break;
                case JsonTokenType.Null: _writer.WriteNullValue(); break;
            }
            if (reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) break;
            if (!reader.Read()) break;
        }
        _writer.Flush();
        var written = _output.WrittenSpan;
        if (_buffer.Length - _used < written.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + written.Length));
        var at = _used;
        written.CopyTo(_buffer.AsSpan(_used));
        _used += written.Length;
        LastLength = written.Length;
        return at;
    }

    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        if (_unescaped.Length < reader.ValueSpan.Length) _unescaped = new byte[reader.ValueSpan.Length * 2];
        return _unescaped.AsSpan(0, reader.CopyString(_unescaped));
    }
}
