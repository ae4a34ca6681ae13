namespace Rapport.Domain.Normalisation;

/// <summary>
/// Appends into a caller-provided buffer (usually on the stack) so a rule can build its output
/// without allocating, and only turns it into a string when it differs from the input.
/// </summary>
internal ref struct CharWriter(Span<char> buffer)
{
    private readonly Span<char> _buffer = buffer;

    public int Length { get; private set; }

    public readonly ReadOnlySpan<char> Written => _buffer[..Length];

    public readonly bool HasRoom(int count) => Length + count <= _buffer.Length;

    public void Append(char c) => _buffer[Length++] = c;

    public void Append(scoped ReadOnlySpan<char> s)
    {
        s.CopyTo(_buffer[Length..]);
        Length += s.Length;
    }

    public void Truncate(int length) => Length = length;

    public readonly char this[int index] => _buffer[index];

    /// <summary>The written text, reusing <paramref name="original"/> when it is the same so unchanged values cost nothing.</summary>
    public readonly string ToString(string original) =>
        Written.SequenceEqual(original) ? original : new string(Written);

    public override readonly string ToString() => new(Written);
}
