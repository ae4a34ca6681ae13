using System.IO.Compression;

namespace Rapport.Integration.Formats;

/// <summary>
/// Reads one entry of a zip package while guarding against zip bombs: the declared size and the
/// declared compression ratio are checked before anything is inflated, and the bytes actually inflated
/// are counted, because the sizes in a zip directory are only claims.
/// </summary>
internal sealed class ZipPartStream : Stream
{
    /// <summary>Parts smaller than this are not held to the compression ratio: tiny repetitive XML compresses well.</summary>
    public const long RatioFloorBytes = 1024 * 1024;

    private readonly Stream _inner;
    private readonly string _name;
    private readonly long _declared;
    private readonly uint _expectedCrc;
    private long _read;
    private uint _crc = 0xFFFFFFFF;
    private bool _ended;

    public ZipPartStream(ZipArchiveEntry entry, FormatLimits limits)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(limits);
        _name = entry.FullName;
        _declared = entry.Length;
        if (_declared > limits.MaxXlsxPartBytes)
            throw Bomb($"it declares {_declared} bytes uncompressed, more than the limit of {limits.MaxXlsxPartBytes}");
        if (_declared > RatioFloorBytes && _declared > Math.Max(1, entry.CompressedLength) * (long)limits.MaxXlsxCompressionRatio)
            throw Bomb($"it declares a compression ratio above {limits.MaxXlsxCompressionRatio}:1 ({_declared} bytes from {entry.CompressedLength})");
        // Deflate never makes data much larger: compressed data well beyond the declared size means the size is a lie.
        if (entry.CompressedLength > _declared + _declared / 100 + 1024)
            throw Bomb($"it declares {_declared} bytes uncompressed but holds {entry.CompressedLength} compressed");
        _expectedCrc = entry.Crc32;
        _inner = entry.Open();
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        _read += n;
        if (_read > _declared)
            throw Bomb($"it inflates to more than the {_declared} bytes it declares");
        if (n > 0) _crc = Crc32.Update(_crc, buffer[..n]);
        else if (!_ended) CheckEnd();
        return n;
    }

    /// <summary>
    /// At the end of the data: the zip library stops inflating at the declared size, so a part that
    /// claims less than it holds ends early, and its checksum tells.
    /// </summary>
    private void CheckEnd()
    {
        _ended = true;
        if ((_crc ^ 0xFFFFFFFF) == _expectedCrc) return;
        if (_read == _declared)
            throw Bomb($"its data does not match the {_declared} bytes and the checksum it declares");
        throw new ImportFormatException($"The XLSX part {_name} is corrupt: its checksum does not match.");
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    private ImportFormatException Bomb(string reason) =>
        new($"The XLSX part {_name} looks like a zip bomb: {reason}.");

    /// <summary>CRC-32 (IEEE 802.3, as in zip), table-driven.</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = Build();

        public static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        private static uint[] Build()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                var c = i;
                for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[i] = c;
            }
            return table;
        }
    }
}
