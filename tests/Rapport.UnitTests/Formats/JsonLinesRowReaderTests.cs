using System.Text;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class JsonLinesRowReaderTests
{
    private static List<SourceRow> Read(string jsonl, FormatLimits? limits = null)
    {
        using var reader = new JsonLinesRowReader(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), limits);
        return reader.ReadRows().ToList();
    }

    private static ImportFormatException Refuse(string jsonl, FormatLimits? limits = null) =>
        Assert.Throws<ImportFormatException>(() => Read(jsonl, limits));

    [Fact]
    public void ReadRows_OneObjectPerLine_FlattenedWithLines()
    {
        var rows = Read("""
            {"lastName":"Lovelace","address":{"city":"London"},"emails":[{"address":"a@b.c","primary":true}],"custom":{"score":12.50}}
            {"lastName":"Turing","externalIds":{"erp":"7"},"custom":{"vip":false},"title":null}
            """);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["lastName", "address.city", "emails", "custom.score"], rows[0].Columns);
        RowAssert.Values(["Lovelace", "London", """[{"address":"a@b.c","primary":true}]""", "12.50"], rows[0]);
        Assert.Equal(["lastName", "externalIds.erp", "custom.vip", "title"], rows[1].Columns);
        RowAssert.Values(["Turing", "7", "false", null], rows[1]);
        Assert.Equal([1L, 2L], rows.Select(r => r.Line));
    }

    [Fact]
    public void ReadRows_MalformedLine_ReportedWithLineAndReadingGoesOn()
    {
        var rows = Read("{\"a\":1}\n{\"a\":2,\n{\"a\":3}\n");

        Assert.Equal(3, rows.Count);
        Assert.Null(rows[0].Error);
        Assert.StartsWith("line 2: the JSON is malformed", rows[1].Error, StringComparison.Ordinal);
        Assert.Empty(rows[1].Values);
        Assert.Equal(2, rows[1].Line);
        Assert.Equal("3", rows[2]["a"]);
        Assert.Equal(3, rows[2].Line);
    }

    [Fact]
    public void ReadRows_LineNotAnObject_RowError()
    {
        var rows = Read("[1,2]\n\"text\"\n{\"a\":1}\n");

        Assert.Equal("line 1: expected a JSON object, found an array.", rows[0].Error);
        Assert.Equal("line 2: expected a JSON object, found a string.", rows[1].Error);
        Assert.Null(rows[2].Error);
    }

    [Fact]
    public void ReadRows_TwoValuesOnOneLine_RowError()
    {
        var rows = Read("{\"a\":1} {\"a\":2}\n{\"a\":3}\n");

        Assert.StartsWith("line 1: the JSON is malformed", rows[0].Error, StringComparison.Ordinal);
        Assert.Empty(rows[0].Values);
        Assert.Equal("3", rows[1]["a"]);
    }

    [Fact]
    public void ReadRows_BlankLinesCrlfAndBom_SkippedWithPhysicalLines()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF{\"a\":1}\r\n\r\n   \r\n{\"a\":2}\r\n\r\n");
        using var reader = new JsonLinesRowReader(new MemoryStream(bytes));

        var rows = reader.ReadRows().ToList();

        Assert.Equal([1L, 4L], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void ReadRows_LastLineWithoutLineBreak_Read()
    {
        Assert.Equal("2", Read("{\"a\":1}\n{\"a\":2}")[1]["a"]);
    }

    [Fact]
    public void ReadRows_LineLongerThanLimit_RefusedNamingLine()
    {
        var ex = Refuse($"{{\"a\":1}}\n{{\"a\":\"{new string('x', 200)}\"}}\n", new FormatLimits { MaxRowChars = 100 });

        Assert.Equal(2, ex.Line);
        Assert.Contains("longer than 100 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_EndlessLine_StopsBufferingAtLimit()
    {
        var ex = Refuse("{\"a\":\"" + new string('x', 2_000_000), new FormatLimits { MaxRowChars = 10_000 });

        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void ReadRows_NestedDeeperThanLimit_Refused()
    {
        var limits = new FormatLimits { MaxDepth = 2 };

        Assert.Single(Read("{\"a\":{\"b\":1}}\n", limits));
        Assert.Contains("deeper than 2", Refuse("{\"a\":{\"b\":{\"c\":1}}}\n", limits).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void ReadRows_StreamGivingFewBytesAtATime_SameRows(int bytesPerRead)
    {
        var jsonl = new StringBuilder();
        for (var i = 0; i < 300; i++) jsonl.Append("{\"name\":\"Zoë ").Append(i).Append("\",\"tags\":[\"€\"]}\n");
        using var reader = new JsonLinesRowReader(new TrickleStream(Encoding.UTF8.GetBytes(jsonl.ToString()), bytesPerRead));

        var rows = reader.ReadRows().ToList();

        Assert.Equal(300, rows.Count);
        Assert.Equal("Zoë 299", rows[^1]["name"]);
        Assert.Equal("""["€"]""", rows[^1]["tags"]);
        Assert.Equal(300, rows[^1].Line);
    }

    [Fact]
    public void ReadRows_Utf16WithoutEncodingGiven_RefusedWithReason()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("""[{"a":1}]""")];
        using var reader = new JsonLinesRowReader(new MemoryStream(bytes));

        var ex = Assert.Throws<ImportFormatException>(() => reader.ReadRows().ToList());

        Assert.Contains("UTF-16", ex.Message, StringComparison.Ordinal);
    }
}
