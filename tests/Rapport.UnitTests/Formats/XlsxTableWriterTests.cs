using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class XlsxTableWriterTests
{
    private static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, string sheetName = "Export")
    {
        using var ms = new MemoryStream();
        using (var writer = new XlsxTableWriter(ms, sheetName))
        {
            writer.WriteHeader(header);
            foreach (var row in rows) writer.WriteRow(row);
            writer.Complete();
        }
        return ms.ToArray();
    }

    private static List<SourceRow> Read(byte[] bytes, string? sheet = null)
    {
        using var reader = new XlsxRowReader(new MemoryStream(bytes), sheet, FormatLimits.Default);
        return reader.ReadRows().ToList();
    }

    private static void Same(IEnumerable<string?> expected, IEnumerable<string?> actual) => Assert.Equal(expected, actual);

    [Fact]
    public void Write_ThenRead_SameHeaderAndCells()
    {
        var bytes = Write(["id", "lastName", "address.city", "custom.tier"],
        [
            ["1", "Lovelace", "London", "gold"],
            ["2", "Hopper", null, ""],
        ]);

        var rows = Read(bytes);

        Assert.Equal(["id", "lastName", "address.city", "custom.tier"], rows[0].Columns);
        Same(["1", "Lovelace", "London", "gold"], rows[0].Values);
        Same(["2", "Hopper", null, null], rows[1].Values);
        Assert.Equal([2L, 3L], rows.Select(r => r.Line));
    }

    [Fact]
    public void Write_TrickyText_RoundTripsExactly()
    {
        string?[] cells =
        [
            "=HYPERLINK(\"http://evil.example\")", "<b>&amp;</b>", "  padded  ", "line\r\nbreak\nand\rcr", "_x0041_ stays",
            "emoji 😀 and é", "tab\there",
        ];
        var header = cells.Select((_, i) => "c" + i).ToArray();

        var row = Read(Write(header, [cells]))[0];

        Same(cells, row.Values);
    }

    [Fact]
    public void Write_InvalidXmlCharacters_Dropped()
    {
        var row = Read(Write(["a"], [["bell\u0007 null\u0000 lone\uD800 ffff\uFFFF end"]]))[0];

        Assert.Equal("bell null lone ffff end", row["a"]);
    }

    [Fact]
    public void Write_CellOverExcelLimit_Truncated()
    {
        var row = Read(Write(["a"], [[new string('x', 40_000)]]))[0];

        Assert.Equal(XlsxTableWriter.MaxCellChars, row["a"]!.Length);
    }

    [Fact]
    public void Write_Package_HasPartsFormulaFreeCellsAndFrozenBoldHeader()
    {
        var bytes = Write(["name"], [["=1+1"]], "Kontakte & Co");

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(
            ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"],
            zip.Entries.Select(e => e.FullName));
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var workbook = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
        Assert.Equal("Kontakte & Co", workbook.Descendants(main + "sheet").Single().Attribute("name")!.Value);
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.Empty(sheet.Descendants(main + "f"));
        Assert.All(sheet.Descendants(main + "c"), c => Assert.Equal("inlineStr", c.Attribute("t")!.Value));
        Assert.Equal("frozen", sheet.Descendants(main + "pane").Single().Attribute("state")!.Value);
        Assert.Equal("1", sheet.Descendants(main + "c").First().Attribute("s")!.Value);
        XDocument.Load(zip.GetEntry("xl/styles.xml")!.Open());
        XDocument.Load(zip.GetEntry("[Content_Types].xml")!.Open());
        Same(["=1+1"], Read(bytes, "Kontakte & Co")[0].Values);
    }

    [Fact]
    public void Write_NonSeekableOutput_ProducesReadablePackage()
    {
        using var sink = new MemoryStream();
        using (var forward = new WriteOnlyStream(sink))
        using (var writer = new XlsxTableWriter(forward))
        {
            writer.WriteHeader(["a", "b"]);
            writer.WriteRow(["1", "2"]);
            writer.Complete();
        }

        Same(["1", "2"], Read(sink.ToArray())[0].Values);
    }

    [Fact]
    public void Write_NoRows_HeaderOnlyWorkbook()
    {
        Assert.Empty(Read(Write(["a"], [])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("this sheet name is far too long for excel")]
    [InlineData("'quoted'")]
    public void Constructor_InvalidSheetName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => new XlsxTableWriter(new MemoryStream(), name));

    /// <summary>A forward-only output, like an HTTP response body.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
