using System.Text;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class CsvTableWriterTests
{
    private static byte[] Write(IReadOnlyList<string> header, IEnumerable<string?[]> rows, CsvWriteOptions? options = null)
    {
        var stream = new MemoryStream();
        using (var writer = new CsvTableWriter(stream, options))
        {
            writer.WriteHeader(header);
            foreach (var row in rows) writer.WriteRow(row);
            writer.Complete();
        }
        return stream.ToArray();
    }

    private static string Text(IReadOnlyList<string> header, params string?[][] rows) => Encoding.UTF8.GetString(Write(header, rows));

    [Fact]
    public void Write_HeaderAndRows_CrlfLinesUtf8WithoutBom()
    {
        var bytes = Write(["name", "city"], [["René", "Zürich"], ["Ada", "London"]]);

        Assert.Equal("name,city\r\nRené,Zürich\r\nAda,London\r\n", Encoding.UTF8.GetString(bytes));
        Assert.NotEqual(0xEF, bytes[0]);
    }

    [Fact]
    public void Write_ByteOrderMarkOption_StartsWithUtf8Bom()
    {
        var bytes = Write(["name"], [["René"]], new CsvWriteOptions { ByteOrderMark = true });

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("name\r\nRené\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Write_SpecialCharacters_QuotedOnlyWhereNeeded()
    {
        var csv = Text(["a", "b", "c", "d", "e"], ["Smith, John", "say \"hi\"", "two\r\nlines", "plain", "semi;colon"]);

        Assert.Equal("a,b,c,d,e\r\n\"Smith, John\",\"say \"\"hi\"\"\",\"two\r\nlines\",plain,semi;colon\r\n", csv);
    }

    [Fact]
    public void Write_SemicolonDelimiter_QuotesSemicolonsNotCommas()
    {
        var csv = Encoding.UTF8.GetString(Write(["a", "b"], [["12,50", "x;y"]], new CsvWriteOptions { Delimiter = ';' }));

        Assert.Equal("a;b\r\n12,50;\"x;y\"\r\n", csv);
    }

    [Fact]
    public void Write_NullAndEmptyCells_WrittenEmpty()
    {
        Assert.Equal("a,b,c\r\n,,x\r\n", Text(["a", "b", "c"], [null, "", "x"]));
    }

    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1 555 0100", "'+1 555 0100")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("'=x", "''=x")]
    [InlineData("a=b", "a=b")]
    public void Write_FormulaLikeCell_Defused(string cell, string expected)
    {
        var csv = Text(["a"], [cell]);

        Assert.Equal($"a\r\n{expected}\r\n", csv);
    }

    [Fact]
    public void WriteThenRead_AwkwardText_ReadsBackTheOriginal()
    {
        string?[] cells =
        [
            "=SUM(A1)", "+44 20 7946 0000", "-minus", "@mention", "\tindented", "\r=cr", "'=already quoted", "''=twice",
            "Smith, John", "say \"hi\"", "two\r\nlines", "lf\nonly", "Zoë Ørsted 🎉 €", "'plain apostrophe", "O'Brien", null,
        ];
        var header = cells.Select((_, i) => $"c{i}").ToArray();
        var bytes = Write(header, [cells]);

        using var reader = new CsvRowReader(new MemoryStream(bytes));
        var row = Assert.Single(reader.ReadRows());

        Assert.Equal(header, row.Columns);
        RowAssert.Values(cells, row);
        Assert.Null(row.Error);
    }

    [Fact]
    public void WriteThenRead_ManyRowsPastTheBuffer_AllRoundTrip()
    {
        var rows = Enumerable.Range(0, 5_000).Select(i => new string?[] { $"=row {i}", $"Zoë {i} 🎉", i % 7 == 0 ? null : $"x,\"{i}\"" }).ToList();
        var bytes = Write(["a", "b", "c"], rows);

        using var reader = new CsvRowReader(new MemoryStream(bytes));
        var back = reader.ReadRows().ToList();

        Assert.Equal(rows.Count, back.Count);
        for (var i = 0; i < rows.Count; i++) RowAssert.Values(rows[i], back[i]);
    }

    [Fact]
    public void Write_CellLongerThanBufferWithSurrogatePairs_EncodedIntact()
    {
        var big = string.Concat(Enumerable.Repeat("a🎉", 20_000));

        var csv = Text(["a"], [big]);

        Assert.Equal($"a\r\n{big}\r\n", csv);
    }

    [Fact]
    public void WriteRow_CellCountDiffersFromHeader_Refused()
    {
        using var writer = new CsvTableWriter(new MemoryStream());
        writer.WriteHeader(["a", "b"]);

        Assert.Throws<ArgumentException>(() => writer.WriteRow(["1"]));
    }

    [Fact]
    public void WriteRow_BeforeHeader_Refused()
    {
        using var writer = new CsvTableWriter(new MemoryStream());

        Assert.Throws<InvalidOperationException>(() => writer.WriteRow(["1"]));
    }

    [Fact]
    public void Complete_LeavesStreamOpenAndFlushed()
    {
        var stream = new MemoryStream();
        using (var writer = new CsvTableWriter(stream))
        {
            writer.WriteHeader(["a"]);
            writer.Complete();
        }

        Assert.True(stream.CanWrite);
        Assert.Equal("a\r\n", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
