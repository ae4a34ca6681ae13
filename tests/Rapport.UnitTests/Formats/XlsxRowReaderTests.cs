using System.IO.Compression;
using System.Text;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class XlsxRowReaderTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string SharedStrings = $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="{Main}" count="7" uniqueCount="7">
          <si><t>name</t></si>
          <si><t xml:space="preserve"> email </t></si>
          <si><t>active</t></si>
          <si><t>score</t></si>
          <si><t>label</t></si>
          <si><r><rPr><b/></rPr><t>Ada </t></r><r><t>Lovelace</t></r><rPh sb="0" eb="1"><t>エイダ</t></rPh></si>
          <si><t>Line one_x000D_
        Line two</t></si>
        </sst>
        """;

    private const string Styles = $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="{Main}">
          <numFmts count="3">
            <numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm"/>
            <numFmt numFmtId="165" formatCode="&quot;Day &quot;0"/>
            <numFmt numFmtId="166" formatCode="[Red]0.00;[Blue]\-0.00"/>
          </numFmts>
          <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
          <cellXfs count="5">
            <xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>
          </cellXfs>
        </styleSheet>
        """;

    private const string Sheet1 = $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="{Main}" xmlns:r="{Rel}">
          <dimension ref="A1:F7"/>
          <sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t> born </t></is></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c><c r="F1" t="s"><v>4</v></c><c r="G1" s="1"/></row>
            <row r="2"><c r="A2" t="s"><v>5</v></c><c r="C2" s="1"><v>45000</v></c><c r="D2" t="b"><v>1</v></c><c r="E2"><f>1+1</f><v>2</v></c><c r="F2" t="str"><f>A2&amp;"!"</f><v>Ada!</v></c></row>
            <row r="4"><c r="A4" t="s"><v>6</v></c><c r="B4" t="inlineStr"><is><r><t>grace@</t></r><r><t>navy.example</t></r></is></c><c r="C4" s="2"><v>45000.5</v></c><c r="D4" t="b"><v>0</v></c><c r="E4" s="3"><v>0.30000000000000004</v></c><c r="F4" s="4" t="e"><v>#N/A</v></c></row>
            <row r="5"/>
            <row r="6"><c r="A6" s="1"/><c r="B6" t="inlineStr"><is><t></t></is></c></row>
            <row r="7"><c r="A7" t="inlineStr"><is><t>x</t></is></c><c r="I7" t="inlineStr"><is><t>beyond</t></is></c></row>
            <row><c t="inlineStr"><is><t>no refs</t></is></c><c><v>1.5E-3</v></c></row>
          </sheetData>
        </worksheet>
        """;

    private const string Sheet2 = $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="{Main}"><sheetData>
          <row r="3"><c r="A3" t="inlineStr"><is><t>code</t></is></c></row>
          <row r="4"><c r="A4"><v>12345678901234567</v></c></row>
        </sheetData></worksheet>
        """;

    private static Dictionary<string, string> Parts(bool date1904 = false) => new()
    {
        ["[Content_Types].xml"] = """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""",
        ["_rels/.rels"] = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>
            """,
        ["xl/workbook.xml"] = $"""
            <workbook xmlns="{Main}" xmlns:r="{Rel}">
              <workbookPr{(date1904 ? " date1904=\"1\"" : "")}/>
              <sheets><sheet name="People" sheetId="1" r:id="rId1"/><sheet name="Codes" sheetId="2" r:id="rId2"/></sheets>
            </workbook>
            """,
        ["xl/_rels/workbook.xml.rels"] = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
              <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/other.xml"/>
              <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
              <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
            </Relationships>
            """,
        ["xl/worksheets/sheet1.xml"] = Sheet1,
        ["xl/worksheets/other.xml"] = Sheet2,
        ["xl/sharedStrings.xml"] = SharedStrings,
        ["xl/styles.xml"] = Styles,
    };

    private static byte[] Zip(Dictionary<string, string> parts)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in parts)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        return ms.ToArray();
    }

    private static List<SourceRow> Read(byte[] bytes, string? sheet = null, FormatLimits? limits = null)
    {
        using var reader = new XlsxRowReader(new MemoryStream(bytes), sheet, limits ?? FormatLimits.Default);
        return reader.ReadRows().ToList();
    }

    [Fact]
    public void ReadRows_HandBuiltWorkbook_HeaderTrimmedFromSharedAndInlineStrings()
    {
        var rows = Read(Zip(Parts()));

        Assert.Equal(["name", "email", "born", "active", "score", "label"], rows[0].Columns);
    }

    [Fact]
    public void ReadRows_HandBuiltWorkbook_CellsByTypeAndOmittedCellIsNull()
    {
        var row = Read(Zip(Parts()))[0];

        Assert.Equal(2, row.Line);
        Assert.Equal("Ada Lovelace", row["name"]);
        Assert.Null(row["email"]);
        Assert.Equal("2023-03-15", row["born"]);
        Assert.Equal("true", row["active"]);
        Assert.Equal("2", row["score"]);
        Assert.Equal("Ada!", row["label"]);
        Assert.Null(row.Error);
    }

    [Fact]
    public void ReadRows_HandBuiltWorkbook_RichTextDateTimeNonDateFormatsAndErrors()
    {
        var row = Read(Zip(Parts()))[1];

        Assert.Equal(4, row.Line);
        Assert.Equal("Line one\r\nLine two", row["name"]);
        Assert.Equal("grace@navy.example", row["email"]);
        Assert.Equal("2023-03-15T12:00:00Z", row["born"]);
        Assert.Equal("false", row["active"]);
        Assert.Equal("0.3", row["score"]);
        Assert.Equal("#N/A", row["label"]);
    }

    [Fact]
    public void ReadRows_EmptyRows_Skipped()
    {
        var rows = Read(Zip(Parts()));

        Assert.Equal([2L, 4L, 7L, 8L], rows.Select(r => r.Line));
    }

    [Fact]
    public void ReadRows_ValueBeyondHeader_RowError()
    {
        var row = Read(Zip(Parts()))[2];

        Assert.Equal("x", row["name"]);
        Assert.NotNull(row.Error);
        Assert.Contains("column I", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_CellsWithoutReferences_FollowOneAnother()
    {
        var row = Read(Zip(Parts()))[3];

        Assert.Equal("no refs", row["name"]);
        Assert.Equal("0.0015", row["email"]);
    }

    [Fact]
    public void ReadRows_NamedSecondSheet_ReadsItWithAbsoluteTarget()
    {
        var rows = Read(Zip(Parts()), "codes");

        Assert.Equal(["code"], rows[0].Columns);
        Assert.Equal(4, rows[0].Line);
        Assert.Equal("12345678901234600", rows[0]["code"]);
    }

    [Fact]
    public void ReadRows_UnknownSheet_ThrowsListingSheets()
    {
        var ex = Assert.Throws<ImportFormatException>(() => Read(Zip(Parts()), "Missing"));

        Assert.Contains("'People', 'Codes'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_Date1904Workbook_CountsFrom1904()
    {
        var parts = Parts(date1904: true);
        parts["xl/worksheets/sheet1.xml"] = $"""
            <worksheet xmlns="{Main}"><sheetData>
              <row r="1"><c r="A1" t="inlineStr"><is><t>day</t></is></c></row>
              <row r="2"><c r="A2" s="1"><v>43538</v></c></row>
            </sheetData></worksheet>
            """;

        Assert.Equal("2023-03-15", Read(Zip(parts))[0]["day"]);
    }

    [Theory]
    [InlineData("1", "1900-01-01")]
    [InlineData("59", "1900-02-28")]
    [InlineData("60", "1900-02-28")]
    [InlineData("61", "1900-03-01")]
    [InlineData("45000", "2023-03-15")]
    [InlineData("45000.25", "2023-03-15T06:00:00Z")]
    [InlineData("45000.999999999", "2023-03-16")]
    [InlineData("0.5", "12:00:00")]
    [InlineData("-1", "-1")]
    public void SerialDate_1900System_LotusLeapDayAndTimes(string serial, string expected) =>
        Assert.Equal(expected, XlsxRowReader.SerialDate(serial, date1904: false));

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("[$-409]d-mmm-yy;@", true)]
    [InlineData("h:mm AM/PM", true)]
    [InlineData("\"Day \"0", false)]
    [InlineData("[Red]0.00", false)]
    [InlineData("#,##0.00\\ \"days\"", false)]
    [InlineData("General", false)]
    [InlineData("0.00_);\\(0.00\\)", false)]
    public void IsDateFormat_CodesWithQuotesAndBrackets(string code, bool expected) =>
        Assert.Equal(expected, XlsxRowReader.IsDateFormat(code));

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("0.30000000000000004", "0.3")]
    [InlineData("1E-05", "0.00001")]
    [InlineData("4.2000000000000002", "4.2")]
    public void Number_ExcelPrecision(string raw, string expected) => Assert.Equal(expected, XlsxRowReader.Number(raw));

    [Fact]
    public void ReadRows_NonSeekableStream_CopiedAndRead()
    {
        using var reader = new XlsxRowReader(new ForwardOnlyStream(Zip(Parts())), null, FormatLimits.Default);

        Assert.Equal(4, reader.ReadRows().Count());
    }

    [Fact]
    public void ReadRows_NotAZip_Throws()
    {
        var ex = Assert.Throws<ImportFormatException>(() => Read(Encoding.UTF8.GetBytes("name,email\nAda,ada@example.com\n")));

        Assert.Contains("not an XLSX workbook", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_ZipWithoutWorkbook_Throws()
    {
        var ex = Assert.Throws<ImportFormatException>(() => Read(Zip(new() { ["readme.txt"] = "hello" })));

        Assert.Contains("not an XLSX workbook", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_HighlyCompressedSheet_ThrowsZipBomb()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in Parts())
            {
                if (name == "xl/worksheets/sheet1.xml") continue;
                using var part = zip.CreateEntry(name).Open();
                part.Write(Encoding.UTF8.GetBytes(text));
            }
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 100; i++) sheet.Write(zeros);
        }

        var ex = Assert.Throws<ImportFormatException>(() => Read(ms.ToArray()));

        Assert.Contains("zip bomb", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(0.5)]
    public void ReadRows_DeclaredSizeLie_ThrowsZipBomb(double declared)
    {
        var parts = Parts();
        var rows = new StringBuilder();
        for (var i = 2; i < 20_000; i++) rows.Append($"<row r=\"{i}\"><c r=\"A{i}\" t=\"inlineStr\"><is><t>row {i}</t></is></c></row>");
        var sheet = $"""<worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c></row>{rows}</sheetData></worksheet>""";
        parts["xl/worksheets/sheet1.xml"] = sheet;
        var bytes = Zip(parts);
        var size = declared < 1 ? (uint)(Encoding.UTF8.GetByteCount(sheet) * declared) : (uint)declared;
        SetDeclaredSize(bytes, "xl/worksheets/sheet1.xml", size);

        var ex = Assert.Throws<ImportFormatException>(() => Read(bytes));

        Assert.Contains("zip bomb", ex.Message, StringComparison.Ordinal);
        Assert.Contains(declared < 1 ? "checksum" : "compressed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_EmptyHeaderName_Throws()
    {
        var parts = Parts();
        parts["xl/worksheets/sheet1.xml"] = $"""
            <worksheet xmlns="{Main}"><sheetData>
              <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row>
            </sheetData></worksheet>
            """;

        var ex = Assert.Throws<ImportFormatException>(() => Read(Zip(parts)));

        Assert.Contains("Column B", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_DuplicateHeaderName_Throws()
    {
        var parts = Parts();
        parts["xl/worksheets/sheet1.xml"] = $"""
            <worksheet xmlns="{Main}"><sheetData>
              <row r="1"><c r="A1" t="inlineStr"><is><t>email</t></is></c><c r="B1" t="inlineStr"><is><t> Email </t></is></c></row>
            </sheetData></worksheet>
            """;

        var ex = Assert.Throws<ImportFormatException>(() => Read(Zip(parts)));

        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_TooManyColumns_Throws()
    {
        var parts = Parts();
        parts["xl/worksheets/sheet1.xml"] = $"""
            <worksheet xmlns="{Main}"><sheetData>
              <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row>
            </sheetData></worksheet>
            """;

        var ex = Assert.Throws<ImportFormatException>(() => Read(Zip(parts), limits: new FormatLimits { MaxColumns = 2 }));

        Assert.Contains("limit of 2 columns", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_RowOverMaxChars_ThrowsWithRow()
    {
        var ex = Assert.Throws<ImportFormatException>(() => Read(Zip(Parts()), limits: new FormatLimits { MaxRowChars = 40 }));

        Assert.Equal(4, ex.Line);
    }

    [Fact]
    public void ReadRows_Dtd_Throws()
    {
        var parts = Parts();
        parts["xl/worksheets/sheet1.xml"] = """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>""";

        Assert.Throws<ImportFormatException>(() => Read(Zip(parts)));
    }

    /// <summary>Rewrites the uncompressed size of <paramref name="name"/> in its local header and the central directory.</summary>
    private static void SetDeclaredSize(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var patched = 0;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            if (signature == 0x04034b50 && NameAt(zip, i + 30, BitConverter.ToUInt16(zip, i + 26), nameBytes))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22), size);
                patched++;
            }
            else if (signature == 0x02014b50 && NameAt(zip, i + 46, BitConverter.ToUInt16(zip, i + 28), nameBytes))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24), size);
                patched++;
            }
        }
        Assert.Equal(2, patched);
    }

    private static bool NameAt(byte[] zip, int offset, int length, byte[] name) =>
        length == name.Length && offset + length <= zip.Length && zip.AsSpan(offset, length).SequenceEqual(name);

    /// <summary>A stream that can only be read forwards, like a request body.</summary>
    internal sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
