using System.Buffers;
using System.Text;

namespace Rapport.Integration.Formats;

/// <summary>
/// Writes vCard and iCalendar content lines as UTF-8 with CRLF, folding lines longer than 75 octets
/// (RFC 6350 §3.2, RFC 5545 §3.1): a continuation starts with one space, and a fold never falls
/// inside a multi-byte character. Buffers output and writes to the stream, which may be non-seekable.
/// </summary>
internal sealed class ContentLineWriter(Stream output)
{
    public const int MaxOctets = 75;

    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _used;

    /// <summary>Writes <c>name[;params]:value</c>; the caller has escaped <paramref name="value"/> already.</summary>
    public void Write(string nameAndParams, string value) => WriteLine(nameAndParams + ":" + value);

    public void WriteLine(string line)
    {
        var length = Utf8.GetByteCount(line);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Utf8.GetBytes(line, 0, line.Length, rented, 0);
            var pos = 0;
            var first = true;
            while (true)
            {
                var room = first ? MaxOctets : MaxOctets - 1;
                if (!first) Append(" "u8);
                if (length - pos <= room)
                {
                    Append(rented.AsSpan(pos, length - pos));
                    Append("\r\n"u8);
                    break;
                }
                var end = pos + room;
                // Back off to the first byte of a character: UTF-8 continuation bytes are 10xxxxxx.
                while (end > pos && (rented[end] & 0xC0) == 0x80) end--;
                Append(rented.AsSpan(pos, end - pos));
                Append("\r\n"u8);
                pos = end;
                first = false;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void Flush()
    {
        if (_used > 0) output.Write(_buffer, 0, _used);
        _used = 0;
        output.Flush();
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_used + bytes.Length > _buffer.Length)
        {
            output.Write(_buffer, 0, _used);
            _used = 0;
            if (bytes.Length > _buffer.Length)
            {
                output.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }
}
