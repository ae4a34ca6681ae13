using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rapport.Integration.Formats;

/// <summary>
/// Streams a JSON Lines file (one record object per line, also called NDJSON). Each object is
/// flattened by <see cref="JsonRecordFlattener"/>; <see cref="SourceRow.Line"/> is its line. A line that
/// is not one well-formed object is a row error and reading goes on with the next line; blank lines are
/// skipped. A line longer than the row limit or nested deeper than the depth limit throws. The stream is left open.
/// </summary>
public sealed class JsonLinesRowReader : IRowReader
{
    private const int Block = 64 * 1024;

    private readonly Stream _stream;
    private readonly Stream? _transcoder;
    private readonly FormatLimits _limits;
    private readonly JsonRecordFlattener _flattener;
    private readonly JsonReaderOptions _options;
    private readonly long _maxLineBytes;

    private byte[] _buf = new byte[Block];
    private int _start;
    private int _scan;
    private int _end;
    private bool _eof;
    private long _line;
    private bool _reading;
    private bool _disposed;

    /// <param name="stream">The file; UTF-8 (a BOM is skipped) unless <paramref name="encoding"/> says otherwise.</param>
    /// <param name="limits">Depth and line length limits.</param>
    /// <param name="encoding">The encoding of a file that is not UTF-8; it is transcoded while read.</param>
    public JsonLinesRowReader(Stream stream, FormatLimits? limits = null, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _limits = limits ?? FormatLimits.Default;
        if (encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage)
            _transcoder = Encoding.CreateTranscodingStream(stream, encoding, Encoding.UTF8, leaveOpen: true);
        _stream = _transcoder ?? stream;
        _flattener = new JsonRecordFlattener(_limits.MaxDepth);
        _maxLineBytes = (long)_limits.MaxRowChars * 3;
        _options = new JsonReaderOptions
        {
            MaxDepth = _limits.MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Skip,
        };
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
            if (!NextLine(out var start, out var length)) yield break;
            var row = ReadLine(_buf.AsSpan(start, length));
            if (row is not null) yield return row;
        }
    }

    /// <summary>Finds the next line (without its line break) in the buffer; false at the end of the file.</summary>
    private bool NextLine(out int start, out int length)
    {
        while (true)
        {
            var newline = _buf.AsSpan(_scan, _end - _scan).IndexOf((byte)'\n');
            if (newline >= 0 || (_eof && _end > _start))
            {
                var end = newline >= 0 ? _scan + newline : _end;
                start = _start;
                length = end - _start;
                _start = _scan = newline >= 0 ? end + 1 : _end;
                _line++;
                if (_line == 1 && length >= 2 && (_buf[start], _buf[start + 1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
                    throw new ImportFormatException("The file is UTF-16 text: JSON Lines imports are UTF-8 unless their encoding is given.", 1);
                if (_line == 1 && _buf.AsSpan(start, length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    start += 3;
                    length -= 3;
                }
                if (length > 0 && _buf[start + length - 1] == '\r') length--;
                CheckSize(_buf.AsSpan(start, length), _line);
                return true;
            }
            if (_eof)
            {
                start = length = 0;
                return false;
            }
            _scan = _end;
            Refill();
        }
    }

    private SourceRow? ReadLine(ReadOnlySpan<byte> text)
    {
        var line = _line;
        if (text.Trim(" \t\r"u8).IsEmpty) return null;
        var reader = new Utf8JsonReader(text, _options);
        try
        {
            if (!reader.Read()) return null;
            if (reader.TokenType != JsonTokenType.StartObject)
                return JsonRecordFlattener.ErrorRow(line, $"line {line}: expected a JSON object, found {JsonArrayRowReader.Describe(reader.TokenType)}.");
            // The block is final: a cut-off object or a second value on the line throws JsonException.
            _flattener.TryFlatten(ref reader, line);
            reader.Read();
            return _flattener.ToRow();
        }
        catch (JsonException ex)
        {
            return JsonRecordFlattener.ErrorRow(line, $"line {line}: the JSON is malformed: {JsonArrayRowReader.Reason(ex)}");
        }
    }

    private void CheckSize(ReadOnlySpan<byte> text, long line)
    {
        if (text.Length <= _limits.MaxRowChars || Encoding.UTF8.GetCharCount(text) <= _limits.MaxRowChars) return;
        throw TooLong(line);
    }

    private ImportFormatException TooLong(long line) => new(
        string.Create(CultureInfo.InvariantCulture, $"line {line}: the line is longer than {_limits.MaxRowChars:N0} characters."), line);

    /// <summary>Drops the lines already read, grows the buffer if the pending line fills it, and reads more.</summary>
    private void Refill()
    {
        if (_start > 0)
        {
            _buf.AsSpan(_start, _end - _start).CopyTo(_buf);
            _scan -= _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buf.Length)
        {
            if (_buf.Length >= _maxLineBytes) throw TooLong(_line + 1);
            Array.Resize(ref _buf, (int)Math.Min((long)_buf.Length * 2, _maxLineBytes + 1));
        }
        var n = _stream.Read(_buf, _end, _buf.Length - _end);
        if (n == 0) _eof = true;
        else _end += n;
    }
}
