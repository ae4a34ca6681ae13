using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rapport.Integration.Formats;

/// <summary>
/// Streams a JSON file holding one array of record objects (<c>[{...}, {...}]</c>, as a JSON export
/// writes it) without loading it: only the record being read is buffered. Each object is flattened by
/// <see cref="JsonRecordFlattener"/>; <see cref="SourceRow.Line"/> is the line where it starts. An
/// element that is not an object is a row error; malformed JSON throws, since an array cannot be
/// resynchronised after it. The stream is left open.
/// </summary>
public sealed class JsonArrayRowReader : IRowReader
{
    private const int Block = 64 * 1024;

    private readonly Stream _stream;
    private readonly Stream? _transcoder;
    private readonly FormatLimits _limits;
    private readonly JsonRecordFlattener _flattener;
    private readonly long _maxBufferedBytes;

    private byte[] _buf = new byte[Block];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state;

    /// <summary>Lines before <see cref="_countedTo"/> in the buffer, plus one: the line at that offset.</summary>
    private long _lineAtCounted = 1;

    private int _countedTo;
    private long _pendingLine = 1;
    private Phase _phase;
    private bool _begun;
    private bool _reading;
    private bool _disposed;

    /// <param name="stream">The file; UTF-8 (a BOM is skipped) unless <paramref name="encoding"/> says otherwise.</param>
    /// <param name="limits">Depth and record size limits.</param>
    /// <param name="encoding">The encoding of a file that is not UTF-8; it is transcoded while read.</param>
    public JsonArrayRowReader(Stream stream, FormatLimits? limits = null, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _limits = limits ?? FormatLimits.Default;
        if (encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage)
            _transcoder = Encoding.CreateTranscodingStream(stream, encoding, Encoding.UTF8, leaveOpen: true);
        _stream = _transcoder ?? stream;
        _flattener = new JsonRecordFlattener(_limits.MaxDepth);
        _maxBufferedBytes = (long)_limits.MaxRowChars * 3 + Block;
        _state = new JsonReaderState(new JsonReaderOptions
        {
            // The array is one level; the flattener reports records deeper than the limit before the reader would.
            MaxDepth = _limits.MaxDepth + 2,
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        });
    }

    private enum Phase
    {
        BeforeArray,
        InArray,
        AfterArray,
        Done,
    }

    private enum Outcome
    {
        Row,
        NeedMore,
        End,
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
        _transcoder?.Dispose();
        _buf = [];
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

    /// <summary>The next row, or null after the array.</summary>
    private SourceRow? Next()
    {
        try
        {
            if (!_begun) Begin();
            while (true)
            {
                var reader = new Utf8JsonReader(_buf.AsSpan(_start, _end - _start), _final, _state);
                var outcome = Step(ref reader, out var row);
                if (outcome == Outcome.NeedMore)
                {
                    if (_final)
                        throw new ImportFormatException(
                            string.Create(CultureInfo.InvariantCulture, $"line {_pendingLine}: the file ends before the JSON array is closed."), _pendingLine);
                    Refill();
                    continue;
                }
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                if (outcome == Outcome.End) return null;
                if (row is not null) return row;
            }
        }
        catch (JsonException ex)
        {
            _phase = Phase.Done;
            var line = (ex.LineNumber ?? 0) + 1;
            throw new ImportFormatException(
                string.Create(CultureInfo.InvariantCulture, $"line {line}: the JSON is malformed: {Reason(ex)}"), line, ex);
        }
    }

    /// <summary>
    /// Reads the next array element. Nothing is committed on <see cref="Outcome.NeedMore"/>: the caller
    /// refills the buffer and runs the step again from the same place.
    /// </summary>
    private Outcome Step(ref Utf8JsonReader reader, out SourceRow? row)
    {
        row = null;
        switch (_phase)
        {
            case Phase.Done:
                return Outcome.End;
            case Phase.BeforeArray:
                if (!reader.Read())
                {
                    if (_final) throw new ImportFormatException("The file is empty: a JSON import is an array of objects.", 1);
                    return Outcome.NeedMore;
                }
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    _phase = Phase.Done;
                    throw new ImportFormatException(
                        $"The file is not a JSON array of records: it starts with {Describe(reader.TokenType)}. " +
                        "Put the records in [ ], or import the file as JSON Lines (one object per line).", 1);
                }
                _phase = Phase.InArray;
                // Committed now, so a refill never reads the opening bracket again.
                return Outcome.Row;
            case Phase.AfterArray:
                if (reader.Read())
                    throw new ImportFormatException("The file has more JSON after its array.", LineOf(reader.TokenStartIndex));
                if (!_final) return Outcome.NeedMore;
                _phase = Phase.Done;
                return Outcome.End;
        }

        if (!reader.Read()) return Outcome.NeedMore;
        var tokenStart = reader.TokenStartIndex;
        var line = LineOf(tokenStart);
        _pendingLine = line;
        switch (reader.TokenType)
        {
            case JsonTokenType.EndArray:
                _phase = Phase.AfterArray;
                return Outcome.Row;
            case JsonTokenType.StartObject:
                if (!_flattener.TryFlatten(ref reader, line)) return Outcome.NeedMore;
                CheckSize(tokenStart, reader.BytesConsumed, line);
                row = _flattener.ToRow();
                return Outcome.Row;
            default:
                var kind = Describe(reader.TokenType);
                if (!TrySkip(ref reader, line)) return Outcome.NeedMore;
                row = JsonRecordFlattener.ErrorRow(line, $"line {line}: expected an object, found {kind}.");
                return Outcome.Row;
        }
    }

    /// <summary>Skips a value that is not a record, holding to the depth limit.</summary>
    private bool TrySkip(ref Utf8JsonReader reader, long line)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return true;
        var depth = reader.CurrentDepth;
        while (true)
        {
            if (!reader.Read()) return false;
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject && reader.CurrentDepth - depth >= _limits.MaxDepth)
                throw JsonRecordFlattener.TooDeep(line, _limits.MaxDepth);
            if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth) return true;
        }
    }

    private void CheckSize(long start, long end, long line)
    {
        var bytes = (int)(end - start);
        if (bytes <= _limits.MaxRowChars) return;
        if (Encoding.UTF8.GetCharCount(_buf.AsSpan(_start + (int)start, bytes)) > _limits.MaxRowChars) throw TooLarge(line);
    }

    private ImportFormatException TooLarge(long line) => new(
        string.Create(CultureInfo.InvariantCulture, $"line {line}: the record is larger than {_limits.MaxRowChars:N0} characters."), line);

    /// <summary>The line of a token, counting line feeds up to it from where the last count stopped.</summary>
    private long LineOf(long tokenStart)
    {
        var at = _start + (int)tokenStart;
        if (at > _countedTo)
        {
            _lineAtCounted += _buf.AsSpan(_countedTo, at - _countedTo).Count((byte)'\n');
            _countedTo = at;
        }
        return _lineAtCounted;
    }

    /// <summary>Drops the consumed bytes, grows the buffer if the pending record fills it, and reads more.</summary>
    private void Refill()
    {
        if (_start > 0)
        {
            if (_countedTo < _start)
            {
                _lineAtCounted += _buf.AsSpan(_countedTo, _start - _countedTo).Count((byte)'\n');
                _countedTo = _start;
            }
            _buf.AsSpan(_start, _end - _start).CopyTo(_buf);
            _countedTo -= _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buf.Length)
        {
            if (_buf.Length >= _maxBufferedBytes) throw TooLarge(_pendingLine);
            Array.Resize(ref _buf, (int)Math.Min((long)_buf.Length * 2, _maxBufferedBytes));
        }
        var n = _stream.Read(_buf, _end, _buf.Length - _end);
        if (n == 0)
        {
            _final = true;
            return;
        }
        _end += n;
    }

    /// <summary>Reads the first bytes and skips a UTF-8 byte order mark.</summary>
    private void Begin()
    {
        while (_end < 3 && !_final) Refill();
        if (_end >= 2 && (_buf[0], _buf[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            throw new ImportFormatException("The file is UTF-16 text: JSON imports are UTF-8 unless their encoding is given.", 1);
        if (_buf.AsSpan(0, _end).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _start = 3;
            _countedTo = 3;
        }
        _begun = true;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>The reader's message without its "LineNumber: n | BytePositionInLine: m." suffix.</summary>
    internal static string Reason(JsonException ex)
    {
        var message = ex.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix > 0) message = message[..suffix];
        message = message.Trim();
        return message.EndsWith('.') ? message : message + ".";
    }
}
