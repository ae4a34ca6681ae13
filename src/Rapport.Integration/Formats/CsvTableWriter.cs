using System.Buffers;
using System.Globalization;
using System.Text;

namespace Rapport.Integration.Formats;

/// <summary>
/// Writes an export as RFC 4180 CSV: CRLF line ends, UTF-8 (without BOM unless asked), fields quoted
/// only where they hold the delimiter, a quote or a line break. Every cell is defused against formula
/// injection like <see cref="CsvListWriter.Defuse"/>, which <see cref="CsvRowReader"/> undoes on import.
/// Text is buffered and encoded in blocks; the stream is left open.
/// </summary>
public sealed class CsvTableWriter : ITableWriter
{
    private const int CharBlock = 16 * 1024;

    private readonly Stream _stream;
    private readonly char _delimiter;
    private readonly SearchValues<char> _specials;
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly char[] _chars = new char[CharBlock];
    private readonly byte[] _bytes = new byte[CharBlock * 3 + 4];
    private int _count;
    private bool _bomPending;
    private int _columns = -1;
    private bool _disposed;

    public CsvTableWriter(Stream stream, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvWriteOptions.Default;
        if (options.Delimiter is '"' or '\'' or '\r' or '\n')
            throw new ArgumentException("The delimiter cannot be a quote, an apostrophe or a line break.", nameof(options));
        _stream = stream;
        _delimiter = options.Delimiter;
        _specials = CsvEscaping.SpecialsFor(_delimiter);
        _bomPending = options.ByteOrderMark;
    }

    public void WriteHeader(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_columns >= 0) throw new InvalidOperationException("The header row is already written.");
        _columns = columns.Count;
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) Append(_delimiter);
            WriteCell(columns[i]);
        }
        Append('\r');
        Append('\n');
    }

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_columns < 0) throw new InvalidOperationException("Write the header row first.");
        if (cells.Count != _columns)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The row has {cells.Count} cells, the header has {_columns}."), nameof(cells));
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) Append(_delimiter);
            WriteCell(cells[i]);
        }
        Append('\r');
        Append('\n');
    }

    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Flush(final: true);
        _stream.Flush();
    }

    /// <summary>Releases the writer without writing what is still buffered: call <see cref="Complete"/> to finish the file.</summary>
    public void Dispose() => _disposed = true;

    private void WriteCell(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        var defuse = CsvEscaping.NeedsDefusing(text);
        if (!text.AsSpan().ContainsAny(_specials))
        {
            if (defuse) Append('\'');
            Append(text);
            return;
        }
        Append('"');
        if (defuse) Append('\'');
        var rest = text.AsSpan();
        int quote;
        while ((quote = rest.IndexOf('"')) >= 0)
        {
            Append(rest[..(quote + 1)]);
            Append('"');
            rest = rest[(quote + 1)..];
        }
        Append(rest);
        Append('"');
    }

    private void Append(char c)
    {
        if (_count == _chars.Length) Flush(final: false);
        _chars[_count++] = c;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var room = _chars.Length - _count;
            if (text.Length <= room)
            {
                text.CopyTo(_chars.AsSpan(_count));
                _count += text.Length;
                return;
            }
            text[..room].CopyTo(_chars.AsSpan(_count));
            _count += room;
            text = text[room..];
            Flush(final: false);
        }
    }

    private void Flush(bool final)
    {
        if (_bomPending)
        {
            _stream.Write([0xEF, 0xBB, 0xBF]);
            _bomPending = false;
        }
        _encoder.Convert(_chars.AsSpan(0, _count), _bytes, final, out _, out var written, out _);
        _stream.Write(_bytes, 0, written);
        _count = 0;
    }
}
