using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Rapport.Integration.Formats;

/// <summary>
/// Writes a minimal Office Open XML workbook (.xlsx) with one worksheet, streaming: the package parts
/// go into a <see cref="ZipArchive"/> written straight to the output (which may be non-seekable), and
/// rows are written into the sheet part as they come. Every cell is an inline string
/// (<c>t="inlineStr"</c>), which a spreadsheet never evaluates, so no text can become a formula.
/// The header row is bold and frozen. Characters XML cannot hold are dropped; a cell is cut at
/// Excel's limit of <see cref="MaxCellChars"/> characters.
/// </summary>
public sealed class XlsxTableWriter : ITableWriter
{
    /// <summary>The most characters Excel keeps in one cell.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>The most columns a worksheet has (XFD).</summary>
    public const int MaxColumns = 16_384;

    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Characters that need more than copying: markup, CR, other controls, surrogates, U+FFFE/U+FFFF, and '_' (for _xHHHH_).</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&<>_\r\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015" +
        "\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF" +
        string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly Stream _output;
    private readonly string _sheetName;
    private readonly ZipArchive _zip;
    private readonly List<byte[]> _columnRefs = [];
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;
    private Stream? _sheet;
    private long _row;
    private bool _completed;

    /// <param name="output">Receives the package; may be non-seekable; left open.</param>
    /// <param name="sheetName">The worksheet's name: 1 to 31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe.</param>
    public XlsxTableWriter(Stream output, string sheetName = "Export")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheetName);
        if (sheetName.Length is 0 or > 31 || sheetName.AsSpan().IndexOfAny(@":\/?*[]") >= 0 || sheetName.StartsWith('\'') ||
            sheetName.EndsWith('\'') || sheetName.Any(char.IsControl))
            throw new ArgumentException("A sheet name has 1 to 31 characters, none of : \\ / ? * [ ], and does not start or end with an apostrophe.", nameof(sheetName));
        _output = output;
        _sheetName = sheetName;
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
    }

    public void WriteHeader(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (_sheet is not null) throw new InvalidOperationException("The header must be written before any row.");
        Start(frozenHeader: true);
        WriteCells(columns, header: true);
    }

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (_completed) throw new InvalidOperationException("The workbook is already complete.");
        Start(frozenHeader: false);
        WriteCells(cells, header: false);
    }

    public void Complete()
    {
        if (_completed) return;
        Start(frozenHeader: false);
        Put("</sheetData></worksheet>"u8);
        FlushBuffer();
        _sheet!.Dispose();
        _zip.Dispose();
        _output.Flush();
        _completed = true;
    }

    /// <summary>Releases the package without completing it (an abandoned export); use <see cref="Complete"/> to finish the file.</summary>
    public void Dispose()
    {
        if (_completed) return;
        _completed = true;
        try
        {
            _sheet?.Dispose();
            _zip.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
        {
            // The output is already broken (a client went away): an exception here would hide the one that got us here.
        }
    }

    private void Start(bool frozenHeader)
    {
        if (_sheet is not null) return;
        WritePart("[Content_Types].xml",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\r\n" +
            """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
            """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""" +
            """<Default Extension="xml" ContentType="application/xml"/>""" +
            """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
            """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""" +
            """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""" +
            "</Types>");
        WritePart("_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\r\n" +
            $"""<Relationships xmlns="{PackageRelNs}">""" +
            """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>""" +
            "</Relationships>");
        WritePart("xl/workbook.xml",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\r\n" +
            $"""<workbook xmlns="{MainNs}" xmlns:r="{RelNs}">""" +
            """<bookViews><workbookView/></bookViews>""" +
            $"""<sheets><sheet name="{SecurityElement.Escape(_sheetName)}" sheetId="1" r:id="rId1"/></sheets>""" +
            "</workbook>");
        WritePart("xl/_rels/workbook.xml.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\r\n" +
            $"""<Relationships xmlns="{PackageRelNs}">""" +
            """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>""" +
            """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""" +
            "</Relationships>");
        WritePart("xl/styles.xml",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\r\n" +
            $"""<styleSheet xmlns="{MainNs}">""" +
            """<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>""" +
            """<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>""" +
            """<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>""" +
            """<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>""" +
            """<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""" +
            """<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>""" +
            """<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>""" +
            """<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>""" +
            "</styleSheet>");

        _sheet = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        Put(Utf8.GetBytes("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\r\n" + $"""<worksheet xmlns="{MainNs}" xmlns:r="{RelNs}">"""));
        if (frozenHeader)
            Put("""<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>"""u8);
        Put("<sheetData>"u8);
    }

    private void WritePart(string name, string xml)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(Utf8.GetBytes(xml));
    }

    private void WriteCells(IReadOnlyList<string?> cells, bool header)
    {
        if (cells.Count > MaxColumns)
            throw new ArgumentException($"A worksheet has at most {MaxColumns} columns; this row has {cells.Count}.", nameof(cells));
        _row++;
        Span<byte> number = stackalloc byte[20];
        _row.TryFormat(number, out var digits, default, CultureInfo.InvariantCulture);
        ReadOnlySpan<byte> row = number[..digits];
        Put("<row r=\""u8);
        Put(row);
        Put("\">"u8);
        for (var i = 0; i < cells.Count; i++)
        {
            var value = cells[i];
            if (string.IsNullOrEmpty(value)) continue;
            var text = value.AsSpan();
            if (text.Length > MaxCellChars) text = text[..(char.IsHighSurrogate(text[MaxCellChars - 1]) ? MaxCellChars - 1 : MaxCellChars)];
            Put("<c r=\""u8);
            Put(ColumnRef(i));
            Put(row);
            Put(header ? "\" s=\"1\" t=\"inlineStr\"><is><t"u8 : "\" t=\"inlineStr\"><is><t"u8);
            Put(char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) ? " xml:space=\"preserve\">"u8 : ">"u8);
            PutText(text);
            Put("</t></is></c>"u8);
        }
        Put("</row>"u8);
    }

    private byte[] ColumnRef(int index)
    {
        while (_columnRefs.Count <= index) _columnRefs.Add(Encoding.ASCII.GetBytes(XlsxRowReader.ColumnName(_columnRefs.Count + 1)));
        return _columnRefs[index];
    }

    /// <summary>Writes cell text as UTF-8 character data: markup escaped, CR kept as a reference, other invalid characters dropped.</summary>
    private void PutText(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var special = text.IndexOfAny(Special);
            var plain = special < 0 ? text : text[..special];
            while (!plain.IsEmpty)
            {
                // Plain text holds no surrogates, so any cut is between characters; 3 bytes at most per char.
                var piece = plain[..Math.Min(plain.Length, 8192)];
                Ensure(piece.Length * 3);
                _used += Utf8.GetBytes(piece, _buffer.AsSpan(_used));
                plain = plain[piece.Length..];
            }
            if (special < 0) return;
            var ch = text[special];
            var consumed = 1;
            switch (ch)
            {
                case '&': Put("&amp;"u8); break;
                case '<': Put("&lt;"u8); break;
                case '>': Put("&gt;"u8); break;
                case '\r': Put("&#xD;"u8); break;
                case '_':
                    // "_x0041_" would be read back as "A": escape the underscore as _x005F_.
                    Put(LooksLikeEscape(text[special..]) ? "_x005F_"u8 : "_"u8);
                    break;
                default:
                    if (char.IsHighSurrogate(ch) && special + 1 < text.Length && char.IsLowSurrogate(text[special + 1]))
                    {
                        Ensure(4);
                        _used += Utf8.GetBytes(text.Slice(special, 2), _buffer.AsSpan(_used));
                        consumed = 2;
                    }
                    // Other control characters, lone surrogates, U+FFFE and U+FFFF cannot appear in XML: dropped.
                    break;
            }
            text = text[(special + consumed)..];
        }
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            FlushBuffer();
            if (bytes.Length > _buffer.Length)
            {
                _sheet!.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Ensure(int bytes)
    {
        if (bytes > _buffer.Length - _used) FlushBuffer();
    }

    private void FlushBuffer()
    {
        _sheet!.Write(_buffer, 0, _used);
        _used = 0;
    }

    private static bool LooksLikeEscape(ReadOnlySpan<char> text) =>
        text.Length >= 7 && text[1] == 'x' && text[6] == '_' && char.IsAsciiHexDigit(text[2]) && char.IsAsciiHexDigit(text[3]) &&
        char.IsAsciiHexDigit(text[4]) && char.IsAsciiHexDigit(text[5]);
}
