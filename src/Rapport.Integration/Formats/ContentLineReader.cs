using System.Text;

namespace Rapport.Integration.Formats;

/// <summary>
/// Reads the content lines of a vCard or iCalendar stream: unfolds continuation lines (CRLF, LF or CR
/// followed by a space or tab), joins QUOTED-PRINTABLE soft line breaks (a value line ending in
/// <c>=</c>), and skips blank lines. Properties the caller does not keep (a BASE64 PHOTO, an ATTACH)
/// are consumed without being buffered, so only kept lines count against <see cref="MaxChars"/>.
/// </summary>
internal sealed class ContentLineReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly Func<string, bool> _keep;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _sb = new();
    private int _pos;
    private int _len;
    private long _line = 1;

    /// <param name="stream">UTF-8 text (a byte-order mark selects UTF-16 or UTF-32); left open.</param>
    /// <param name="maxChars">The longest kept logical line.</param>
    /// <param name="keep">Whether the value of a property (upper-case name, no group) is wanted.</param>
    public ContentLineReader(Stream stream, int maxChars, Func<string, bool> keep)
    {
        _reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        MaxChars = maxChars;
        _keep = keep;
    }

    /// <summary>The longest logical line kept; a longer one throws <see cref="ImportFormatException"/>.</summary>
    public int MaxChars { get; set; }

    /// <summary>
    /// Reads the first line, which must open <paramref name="component"/> (<c>BEGIN:VCARD</c>): until it
    /// has, a line may be at most <paramref name="probeChars"/> long, so a file of another kind is refused
    /// early; afterwards <paramref name="maxChars"/> applies.
    /// </summary>
    public ContentLine ReadOpening(string component, string formatName, int probeChars, int maxChars)
    {
        var refusal = $"The file is not {formatName} file: it does not start with BEGIN:{component}.";
        MaxChars = Math.Min(maxChars, probeChars);
        ContentLine? line;
        try
        {
            line = Read();
        }
        catch (ImportFormatException ex)
        {
            throw new ImportFormatException(refusal, 1, ex);
        }
        if (line is null || !line.IsBegin(component)) throw new ImportFormatException(refusal, line?.Line ?? 1);
        MaxChars = maxChars;
        return line;
    }

    /// <summary>The next non-blank logical line, or null at the end of the stream.</summary>
    public ContentLine? Read()
    {
        while (true)
        {
            _sb.Clear();
            var start = _line;
            var colon = -1;
            var quoted = false;
            var quotedPrintable = false;
            var skip = false;
            var lastEquals = false;
            var any = false;
            while (true)
            {
                var c = Next();
                if (c < 0) break;
                any = true;
                if (c is '\r' or '\n')
                {
                    if (c == '\r' && Peek() == '\n') _pos++;
                    _line++;
                    if (quotedPrintable && lastEquals)
                    {
                        // A QUOTED-PRINTABLE soft line break: "=" CRLF joins the next physical line as it is.
                        if (!skip) _sb.Length--;
                        lastEquals = false;
                        continue;
                    }
                    if (Peek() is ' ' or '\t')
                    {
                        _pos++;
                        continue;
                    }
                    break;
                }
                lastEquals = c == '=';
                if (colon < 0)
                {
                    if (c == '"') quoted = !quoted;
                    else if (c == ':' && !quoted)
                    {
                        colon = _sb.Length;
                        var prefix = _sb.ToString();
                        quotedPrintable = prefix.Contains("QUOTED-PRINTABLE", StringComparison.OrdinalIgnoreCase);
                        skip = !_keep(ContentLine.NameOf(prefix));
                        _sb.Append(':');
                        continue;
                    }
                }
                if (skip) continue;
                if (_sb.Length >= MaxChars)
                    throw new ImportFormatException($"Line {start} is longer than {MaxChars} characters.", start);
                _sb.Append((char)c);
            }
            if (!any) return null;
            if (IsBlank(_sb)) continue;
            var text = _sb.ToString();
            return colon < 0
                ? ContentLine.Parse(text, "", hasValue: false, start)
                : ContentLine.Parse(text.AsSpan(0, colon), skip ? "" : text[(colon + 1)..], hasValue: true, start);
        }
    }

    public void Dispose() => _reader.Dispose();

    private static bool IsBlank(StringBuilder sb)
    {
        foreach (var chunk in sb.GetChunks())
            if (!chunk.Span.IsWhiteSpace()) return false;
        return true;
    }

    private int Next()
    {
        if (_pos == _len && !Fill()) return -1;
        return _buffer[_pos++];
    }

    private int Peek()
    {
        if (_pos == _len && !Fill()) return -1;
        return _buffer[_pos];
    }

    private bool Fill()
    {
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }
}
