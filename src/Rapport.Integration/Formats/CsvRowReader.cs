using System.Buffers;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Rapport.Integration.Formats;

/// <summary>
/// Streams an RFC 4180 CSV file as rows of text cells under its header row. The encoding (UTF-8 with
/// or without BOM, UTF-16 and UTF-32 with BOM, otherwise Windows-1252 as Excel writes "CSV") and the
/// delimiter (<c>, ; tab |</c>) are detected unless given. Quoted fields may hold delimiters, doubled
/// quotes and line breaks; <see cref="SourceRow.Line"/> is the physical line a row starts on. A row
/// with the wrong number of cells is returned with an <see cref="SourceRow.Error"/>; a file that is not
/// text, an unclosed quote or a row over the limits throws <see cref="ImportFormatException"/>.
/// Memory is bounded by the longest row; the stream is left open.
/// </summary>
public sealed class CsvRowReader : IRowReader
{
    private const int ByteBlock = 64 * 1024;
    private const int CharBlock = 64 * 1024;

    /// <summary>Room the decoder always gets, so a surrogate pair or a multi-char sequence fits.</summary>
    private const int MinDecodeRoom = 16;

    private const byte Plain = 0;
    private const byte Quoted = 1;
    private const byte NeedsUnquoting = 2;

    private static readonly Encoding Windows1252 = TextEncodings.Windows1252;
    private static readonly SearchValues<char> QuoteOrNewline = SearchValues.Create("\"\r\n");

    private readonly Stream _stream;
    private readonly FormatLimits _limits;
    private readonly Encoding? _explicitEncoding;
    private readonly char? _explicitDelimiter;

    private byte[] _bytes = new byte[ByteBlock];
    private int _bytePos;
    private int _byteLen;
    private bool _streamEnd;

    private Encoding _encoding = Encoding.UTF8;

    /// <summary>Null while decoding UTF-8 on the fast path.</summary>
    private Decoder? _decoder;

    /// <summary>True while the UTF-8 text seen so far is plain ASCII: an invalid byte then means Windows-1252.</summary>
    private bool _sniffing;

    private char[] _buf = new char[CharBlock];
    private int _pos;
    private int _len;
    private bool _textEnd;

    /// <summary>Start of the row being parsed: <see cref="Fill"/> keeps the buffer from here on.</summary>
    private int _rowStart;

    private long _line = 1;
    private long _rowLine;

    /// <summary>The line where the quoted field being parsed opened, 0 outside quotes.</summary>
    private long _quoteLine;

    private int[] _cellStart = new int[32];
    private int[] _cellEnd = new int[32];
    private byte[] _cellKind = new byte[32];
    private int _cellCount;
    private char[] _scratch = new char[256];

    private char _delimiter = ',';
    private SearchValues<char> _cellEnds = SearchValues.Create(",\r\n");
    private ReadOnlyCollection<string>? _columns;
    private bool _reading;
    private bool _disposed;

    public CsvRowReader(Stream stream, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvReadOptions.Default;
        _stream = stream;
        _limits = options.Limits ?? FormatLimits.Default;
        _explicitEncoding = options.Encoding;
        _explicitDelimiter = options.Delimiter;
        if (_explicitDelimiter is '"' or '\r' or '\n')
            throw new ArgumentException("The delimiter cannot be a quote or a line break.", nameof(options));
    }

    /// <summary>The header's column names (trimmed); reads the header on first use.</summary>
    public IReadOnlyList<string> Columns
    {
        get
        {
            EnsureHeader();
            return _columns!;
        }
    }

    /// <summary>The encoding the file is read with (given or detected); known once the header is read.</summary>
    public Encoding Encoding
    {
        get
        {
            EnsureHeader();
            return _encoding;
        }
    }

    /// <summary>The delimiter the file is read with (given or detected); known once the header is read.</summary>
    public char Delimiter
    {
        get
        {
            EnsureHeader();
            return _delimiter;
        }
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
        _disposed = true;
        _bytes = [];
        _buf = [];
    }

    private IEnumerable<SourceRow> Rows(CancellationToken ct)
    {
        EnsureHeader();
        var columns = _columns!;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!ReadRecord()) yield break;
            var values = new string?[_cellCount];
            for (var c = 0; c < values.Length; c++) values[c] = CellText(c, trim: false);
            yield return new SourceRow
            {
                Line = _rowLine,
                Columns = columns,
                Values = values,
                Error = values.Length == columns.Count
                    ? null
                    : string.Create(CultureInfo.InvariantCulture, $"line {_rowLine}: {values.Length} cells, the header has {columns.Count}"),
            };
        }
    }

    private void EnsureHeader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_columns is not null) return;
        DetectEncoding();
        var i = 0;
        if (!Fill(ref i)) throw new ImportFormatException("The file is empty: a CSV file starts with a header row.", 1);
        RefuseBinary();
        if (_buf[0] == '\uFEFF') _pos = 1;
        var declared = SkipSeparatorLine();
        _delimiter = _explicitDelimiter ?? declared ?? DetectDelimiter();
        _cellEnds = SearchValues.Create([_delimiter, '\r', '\n']);
        if (!ReadRecord()) throw new ImportFormatException("The file is empty: a CSV file starts with a header row.", 1);

        var names = new string[_cellCount];
        var empty = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new List<string>();
        for (var c = 0; c < names.Length; c++)
        {
            names[c] = CellText(c, trim: true) ?? "";
            if (names[c].Length == 0) empty.Add(c + 1);
            else if (!seen.Add(names[c]) && !repeated.Contains(names[c])) repeated.Add(names[c]);
        }
        if (empty.Count > 0 || repeated.Count > 0)
        {
            var problems = new List<string>();
            if (empty.Count == 1) problems.Add($"column {empty[0]} has no name");
            if (empty.Count > 1) problems.Add($"columns {string.Join(", ", empty)} have no name");
            if (repeated.Count > 0) problems.Add($"{string.Join(", ", repeated.Select(n => $"'{n}'"))} appears more than once");
            throw new ImportFormatException(
                string.Create(CultureInfo.InvariantCulture, $"line {_rowLine}: the header row is not usable: {string.Join("; ", problems)}."), _rowLine);
        }
        _columns = Array.AsReadOnly(names);
    }

    /// <summary>
    /// Parses the next non-blank row into the cell bounds. Returns false at the end of the file.
    /// </summary>
    private bool ReadRecord()
    {
        var i = _pos;

        // Completely blank lines between rows are skipped.
        while (true)
        {
            if (i >= _len)
            {
                _rowStart = i;
                if (!Fill(ref i))
                {
                    _pos = i;
                    return false;
                }
            }
            var c = _buf[i];
            if (c == '\n')
            {
                i++;
                _line++;
            }
            else if (c == '\r')
            {
                i++;
                _line++;
                _rowStart = i;
                if (i < _len || Fill(ref i))
                {
                    if (_buf[i] == '\n') i++;
                }
            }
            else
            {
                break;
            }
        }

        _rowStart = i;
        _rowLine = _line;
        _cellCount = 0;
        var delimiter = _delimiter;
        int rowLength;
        while (true)
        {
            if (i >= _len && !Fill(ref i))
            {
                AddCell(i - _rowStart, i - _rowStart, Plain);
                rowLength = i - _rowStart;
                break;
            }

            var cellStart = i - _rowStart;
            var kind = Plain;
            var more = true;
            if (_buf[i] == '"')
            {
                more = SkipQuoted(ref i, out var escaped);
                kind = escaped ? NeedsUnquoting : Quoted;
                if (more && _buf[i] != delimiter && _buf[i] is not ('\r' or '\n'))
                {
                    // Text after the closing quote ("abc"def): kept, as spreadsheets do.
                    kind = NeedsUnquoting;
                    more = SkipToCellEnd(ref i);
                }
            }
            else
            {
                more = SkipToCellEnd(ref i);
            }

            AddCell(cellStart, i - _rowStart, kind);
            if (!more)
            {
                rowLength = i - _rowStart;
                break;
            }
            var end = _buf[i];
            if (end == delimiter)
            {
                i++;
                continue;
            }
            rowLength = i - _rowStart;
            i++;
            _line++;
            if (end == '\r' && (i < _len || Fill(ref i)) && _buf[i] == '\n') i++;
            break;
        }

        _pos = i;
        if (rowLength > _limits.MaxRowChars) throw TooLong();
        return true;
    }

    /// <summary>Moves past the delimiter-free text of a cell to its delimiter or line break; false at the end of the file.</summary>
    private bool SkipToCellEnd(ref int i)
    {
        while (true)
        {
            var k = _buf.AsSpan(i, _len - i).IndexOfAny(_cellEnds);
            if (k >= 0)
            {
                i += k;
                return true;
            }
            i = _len;
            if (!Fill(ref i)) return false;
        }
    }

    /// <summary>
    /// Moves past a quoted field (from its opening quote to just after its closing quote), counting the
    /// line breaks inside. False when the file ends right after the closing quote.
    /// </summary>
    private bool SkipQuoted(ref int i, out bool escaped)
    {
        escaped = false;
        _quoteLine = _line;
        i++;
        while (true)
        {
            if (i >= _len && !Fill(ref i))
                throw new ImportFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"line {_quoteLine}: a quoted field opened on this line is not closed before the end of the file."),
                    _quoteLine);
            var k = _buf.AsSpan(i, _len - i).IndexOfAny(QuoteOrNewline);
            if (k < 0)
            {
                i = _len;
                continue;
            }
            i += k;
            var c = _buf[i++];
            if (c == '\r')
            {
                _line++;
            }
            else if (c == '\n')
            {
                if (_buf[i - 2] != '\r') _line++;
            }
            else if ((i < _len || Fill(ref i)) && _buf[i] == '"')
            {
                escaped = true;
                i++;
            }
            else
            {
                _quoteLine = 0;
                return i < _len;
            }
        }
    }

    private void AddCell(int start, int end, byte kind)
    {
        if (_cellCount >= _limits.MaxColumns)
            throw new ImportFormatException(
                string.Create(CultureInfo.InvariantCulture, $"line {_rowLine}: the row has more than {_limits.MaxColumns:N0} columns."), _rowLine);
        if (_cellCount == _cellStart.Length)
        {
            var size = Math.Min(_cellCount * 2, _limits.MaxColumns);
            Array.Resize(ref _cellStart, size);
            Array.Resize(ref _cellEnd, size);
            Array.Resize(ref _cellKind, size);
        }
        _cellStart[_cellCount] = start;
        _cellEnd[_cellCount] = end;
        _cellKind[_cellCount] = kind;
        _cellCount++;
    }

    /// <summary>The text of a parsed cell: unquoted, the export guard apostrophe removed, null when empty.</summary>
    private string? CellText(int cell, bool trim)
    {
        var raw = _buf.AsSpan(_rowStart + _cellStart[cell], _cellEnd[cell] - _cellStart[cell]);
        ReadOnlySpan<char> text = _cellKind[cell] switch
        {
            Plain => raw,
            Quoted => raw[1..^1],
            _ => Unquote(raw),
        };
        if (trim) text = text.Trim();
        if (text.IsEmpty) return null;
        if (CsvEscaping.IsDefused(text)) text = text[1..];
        return new string(text);
    }

    /// <summary>Takes the quotes off a field that has doubled quotes or text after its closing quote.</summary>
    private ReadOnlySpan<char> Unquote(ReadOnlySpan<char> raw)
    {
        if (_scratch.Length < raw.Length) _scratch = new char[Math.Max(raw.Length, _scratch.Length * 2)];
        var n = 0;
        var inQuotes = false;
        for (var k = 0; k < raw.Length; k++)
        {
            var c = raw[k];
            if (c == '"')
            {
                if (inQuotes && k + 1 < raw.Length && raw[k + 1] == '"')
                {
                    _scratch[n++] = '"';
                    k++;
                }
                else
                {
                    inQuotes = !inQuotes;
                }
            }
            else
            {
                _scratch[n++] = c;
            }
        }
        return _scratch.AsSpan(0, n);
    }

    /// <summary>
    /// Decodes more text after what the buffer holds, first moving the current row to the front.
    /// <paramref name="i"/> is shifted along. False when the file has no more text.
    /// </summary>
    private bool Fill(ref int i)
    {
        if (_textEnd) return false;
        if (_rowStart > 0)
        {
            var keep = _len - _rowStart;
            _buf.AsSpan(_rowStart, keep).CopyTo(_buf);
            i -= _rowStart;
            _len = keep;
            _rowStart = 0;
        }
        if (_len > _limits.MaxRowChars) throw TooLong();
        if (_buf.Length - _len < Math.Max(MinDecodeRoom, _buf.Length / 4))
        {
            // Bounded: the row in the buffer is at most MaxRowChars, so there is always room left.
            var size = Math.Min((long)_buf.Length * 2, (long)_limits.MaxRowChars + CharBlock);
            if (size > _buf.Length) Array.Resize(ref _buf, (int)size);
        }
        var n = Decode(_buf.AsSpan(_len));
        if (n == 0)
        {
            _textEnd = true;
            return false;
        }
        _len += n;
        return true;
    }

    private ImportFormatException TooLong()
    {
        var hint = _quoteLine > 0
            ? string.Create(CultureInfo.InvariantCulture, $" (a quoted field opened on line {_quoteLine} may be missing its closing quote)")
            : "";
        return new ImportFormatException(
            string.Create(CultureInfo.InvariantCulture, $"line {_rowLine}: the row is longer than {_limits.MaxRowChars:N0} characters{hint}."), _rowLine);
    }

    /// <summary>Decodes bytes into <paramref name="dest"/>; returns 0 only at the end of the file.</summary>
    private int Decode(Span<char> dest)
    {
        while (true)
        {
            if (_bytePos == _byteLen && !_streamEnd) ReadBytes();
            var src = _bytes.AsSpan(_bytePos, _byteLen - _bytePos);
            int read, written;
            if (_decoder is null)
            {
                var status = Utf8.ToUtf16(src, dest, out read, out written, replaceInvalidSequences: !_sniffing, isFinalBlock: _streamEnd);
                _bytePos += read;
                if (_sniffing && read != written) _sniffing = false;
                if (status == OperationStatus.InvalidData && _sniffing)
                {
                    // Plain ASCII so far, then a byte that is not UTF-8: an Excel (Windows-1252) file.
                    _sniffing = false;
                    _encoding = Windows1252;
                    _decoder = Windows1252.GetDecoder();
                }
                if (written > 0) return written;
                if (status == OperationStatus.InvalidData) continue;
                if (_streamEnd && _bytePos == _byteLen) return 0;
                ReadBytes();
                continue;
            }

            _decoder.Convert(src, dest, flush: _streamEnd, out read, out written, out _);
            _bytePos += read;
            if (written > 0) return written;
            if (_streamEnd) return 0;
            ReadBytes();
        }
    }

    /// <summary>Keeps the undecoded bytes and reads more after them; sets <see cref="_streamEnd"/> at the end.</summary>
    private void ReadBytes()
    {
        if (_bytePos > 0)
        {
            _bytes.AsSpan(_bytePos, _byteLen - _bytePos).CopyTo(_bytes);
            _byteLen -= _bytePos;
            _bytePos = 0;
        }
        var n = _stream.Read(_bytes, _byteLen, _bytes.Length - _byteLen);
        if (n == 0) _streamEnd = true;
        else _byteLen += n;
    }

    /// <summary>Reads a full first block and picks the encoding from its byte order mark or its bytes.</summary>
    private void DetectEncoding()
    {
        while (_byteLen < _bytes.Length && !_streamEnd)
        {
            var n = _stream.Read(_bytes, _byteLen, _bytes.Length - _byteLen);
            if (n == 0) _streamEnd = true;
            else _byteLen += n;
        }
        var head = _bytes.AsSpan(0, _byteLen);
        if (_explicitEncoding is { } given)
        {
            Use(given);
            return;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _bytePos = 3;
            Use(Encoding.UTF8);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            _bytePos = 4;
            Use(Encoding.UTF32);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            _bytePos = 2;
            Use(Encoding.Unicode);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            _bytePos = 2;
            Use(Encoding.BigEndianUnicode);
        }
        else if (Utf8.IsValid(_streamEnd ? head : WithoutPartialSequence(head)))
        {
            Use(Encoding.UTF8);
            _sniffing = true;
        }
        else
        {
            Use(Windows1252);
        }
    }

    private void Use(Encoding encoding)
    {
        _encoding = encoding;
        _decoder = encoding.CodePage == Encoding.UTF8.CodePage ? null : encoding.GetDecoder();
    }

    /// <summary>The block without a UTF-8 sequence cut off at its end (the rest of it is in the next block).</summary>
    private static ReadOnlySpan<byte> WithoutPartialSequence(ReadOnlySpan<byte> block)
    {
        for (var back = 1; back <= 3 && back <= block.Length; back++)
        {
            var b = block[^back];
            if ((b & 0xC0) == 0x80) continue;
            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? block[..^back] : block;
        }
        return block;
    }

    /// <summary>Refuses a first block with NUL characters or more than a few percent control characters.</summary>
    private void RefuseBinary()
    {
        var text = _buf.AsSpan(0, _len);
        if (text.Contains('\0'))
            throw new ImportFormatException(
                "The file is not a text file: it contains NUL bytes (a binary file, or UTF-16 text without a byte order mark). Save it as CSV text.", 1);
        var controls = 0;
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f' or '\u001A')) controls++;
        if (controls > Math.Max(2, text.Length * 3 / 100))
            throw new ImportFormatException("The file is not a text file: too much of its start is control characters. Save it as CSV text.", 1);
    }

    /// <summary>
    /// Excel's <c>sep=;</c> first line, which names the delimiter and precedes the header: skipped,
    /// and its delimiter returned. Null when the file does not start with one.
    /// </summary>
    private char? SkipSeparatorLine()
    {
        var text = _buf.AsSpan(_pos, _len - _pos);
        if (text.Length < 5 || !text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)) return null;
        var rest = text[5..];
        if (rest.Length > 0 && rest[0] is not ('\r' or '\n')) return null;
        var delimiter = text[4];
        if (delimiter is '"' or '\r' or '\n') return null;
        _pos += 5;
        if (rest.StartsWith("\r\n")) _pos += 2;
        else if (rest.Length > 0) _pos++;
        _line++;
        return delimiter;
    }

    /// <summary>The most frequent of <c>, ; tab |</c> outside quotes in the header line; comma when none.</summary>
    private char DetectDelimiter()
    {
        ReadOnlySpan<char> candidates = [',', ';', '\t', '|'];
        Span<int> counts = stackalloc int[candidates.Length];
        var inQuotes = false;
        var header = _buf.AsSpan(_pos, _len - _pos);
        foreach (var c in header.TrimStart("\r\n"))
        {
            if (c == '"') inQuotes = !inQuotes;
            else if (inQuotes) continue;
            else if (c is '\r' or '\n') break;
            else if (candidates.IndexOf(c) is var k and >= 0) counts[k]++;
        }
        var best = 0;
        for (var k = 1; k < counts.Length; k++)
            if (counts[k] > counts[best]) best = k;
        return candidates[best];
    }
}
