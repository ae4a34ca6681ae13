using System.Buffers;

namespace Rapport.Data.Changes;

/// <summary>
/// A page of feed entries as JSON: <see cref="Json"/> holds them comma-separated (the inside of a JSON
/// array), <see cref="LastSeq"/> is the seq of the last one (0 when empty) and <see cref="More"/> says
/// that further changes follow the page. The bytes live in a pooled buffer: dispose the page once written.
/// </summary>
public sealed class JsonEntries(byte[] buffer, int length, int count, long lastSeq, bool more) : IDisposable
{
    private byte[]? _buffer = buffer;

    public ReadOnlyMemory<byte> Json => (_buffer ?? throw new ObjectDisposedException(nameof(JsonEntries))).AsMemory(0, length);
    public int Count { get; } = count;
    public long LastSeq { get; } = lastSeq;
    public bool More { get; } = more;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } array) ArrayPool<byte>.Shared.Return(array);
    }
}

/// <summary>
/// Collects up to a limit of entries into one pooled buffer (a page of 10,000 entries is several
/// megabytes: a fresh array per page would land on the large object heap and cost full collections).
/// The first row past the limit only marks that there are more.
/// </summary>
internal sealed class JsonEntriesBuilder(int limit)
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 1024) * 1024);
    private int _length;
    private long _last;
    private bool _more;

    public int Count { get; private set; }

    /// <summary>Adds an entry; false (and nothing added) once the page is full, so reading can stop.</summary>
    public bool Add(long seq, ReadOnlySpan<byte> json)
    {
        if (Count == limit)
        {
            _more = true;
            return false;
        }
        var needed = _length + json.Length + 1;
        if (needed > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        if (Count > 0) _buffer[_length++] = (byte)',';
        json.CopyTo(_buffer.AsSpan(_length));
        _length += json.Length;
        _last = seq;
        Count++;
        return true;
    }

    public JsonEntries Build() => new(_buffer, _length, Count, _last, _more);
}
