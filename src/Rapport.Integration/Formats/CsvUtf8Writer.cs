using System.Buffers;
using System.Text;

namespace Rapport.Integration.Formats;

/// <summary>
/// The bytes of <see cref="CsvTableWriter"/> for cells that are already UTF-8 (the SQLite export path hands
/// them over straight from the database): the same header, quoting, formula guard and CRLF line ends, with
/// no transcoding through .NET strings. The delimiter must be ASCII. The stream is left open.
/// </summary>
public sealed class CsvUtf8Writer
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte _delimiter;
    private readonly SearchValues<byte> _specials;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _count;
    private bool _rowStarted;

    public CsvUtf8Writer(Stream stream, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvWriteOptions.Default;
        if (options.Delimiter is '"' or '\'' or '\r' or '\n' || options.Delimiter >= 0x80)
            throw new ArgumentException("The delimiter must be ASCII and neither a quote, an apostrophe nor a line break.", nameof(options));
        _stream = stream;
        _delimiter = (byte)options.Delimiter;
        _specials = SearchValues.Create([_delimiter, (byte)'"', (byte)'\r', (byte)'\n']);
        if (options.ByteOrderMark) Append([0xEF, 0xBB, 0xBF]);
    }

    public void WriteHeader(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns) WriteCell(Encoding.UTF8.GetBytes(column));
        EndRow();
    }

    /// <summary>Appends the next cell of the current row (empty for no value).</summary>
    public void WriteCell(ReadOnlySpan<byte> utf8)
    {
        if (_rowStarted) Append(_delimiter);
        _rowStarted = true;
        if (utf8.IsEmpty) return;
        var defuse = CsvEscaping.NeedsDefusing(utf8);
        if (!utf8.ContainsAny(_specials))
        {
            if (defuse) Append((byte)'\'');
            Append(utf8);
            return;
        }
        Append((byte)'"');
        if (defuse) Append((byte)'\'');
        int quote;
        while ((quote = utf8.IndexOf((byte)'"')) >= 0)
        {
            Append(utf8[..(quote + 1)]);
            Append((byte)'"');
            utf8 = utf8[(quote + 1)..];
        }
        Append(utf8);
        Append((byte)'"');
    }

    public void EndRow()
    {
        Append((byte)'\r');
        Append((byte)'\n');
        _rowStarted = false;
    }

    /// <summary>Writes what is buffered and flushes the stream.</summary>
    public void Complete()
    {
        Flush();
        _stream.Flush();
    }

    private void Append(byte b)
    {
        if (_count == _buffer.Length) Flush();
        _buffer[_count++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        while (true)
        {
            var room = _buffer.Length - _count;
            if (bytes.Length <= room)
            {
                bytes.CopyTo(_buffer.AsSpan(_count));
                _count += bytes.Length;
                return;
            }
            bytes[..room].CopyTo(_buffer.AsSpan(_count));
            _count += room;
            bytes = bytes[room..];
            Flush();
        }
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _count);
        _count = 0;
    }
}
