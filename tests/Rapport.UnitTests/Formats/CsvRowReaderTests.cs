using System.Text;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class CsvRowReaderTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static List<SourceRow> Read(byte[] bytes, CsvReadOptions? options = null)
    {
        using var reader = new CsvRowReader(new MemoryStream(bytes), options);
        return reader.ReadRows().ToList();
    }

    private static List<SourceRow> Read(string text, CsvReadOptions? options = null) => Read(Encoding.UTF8.GetBytes(text), options);

    private static ImportFormatException Refuse(byte[] bytes, CsvReadOptions? options = null) =>
        Assert.Throws<ImportFormatException>(() => Read(bytes, options));

    private static ImportFormatException Refuse(string text, CsvReadOptions? options = null) => Refuse(Encoding.UTF8.GetBytes(text), options);

    [Fact]
    public void ReadRows_SimpleFile_CellsUnderHeaderWithLines()
    {
        var rows = Read("firstName,lastName,email\r\nAda,Lovelace,ada@example.com\r\nAlan,Turing,alan@example.com\r\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(["firstName", "lastName", "email"], rows[0].Columns);
        RowAssert.Values(["Ada", "Lovelace", "ada@example.com"], rows[0]);
        Assert.Equal("alan@example.com", rows[1]["email"]);
        Assert.Equal([2L, 3L], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void ReadRows_LastRowWithoutLineBreak_IsRead()
    {
        var rows = Read("a,b\nx,y");

        RowAssert.Values(["x", "y"], Assert.Single(rows));
    }

    [Fact]
    public void ReadRows_ManyRows_ShareOneColumnsInstance()
    {
        var rows = Read("a,b\n1,2\n3,4\n5,6\n");

        Assert.All(rows, r => Assert.Same(rows[0].Columns, r.Columns));
    }

    [Fact]
    public void Columns_BeforeRows_GivesTrimmedHeaderNames()
    {
        using var reader = new CsvRowReader(new MemoryStream(Encoding.UTF8.GetBytes(" first Name ,  last \nAda,Lovelace\n")));

        Assert.Equal(["first Name", "last"], reader.Columns);
        Assert.Equal("Lovelace", Assert.Single(reader.ReadRows())["last"]);
    }

    [Fact]
    public void ReadRows_Utf8WithBom_BomIsNotPartOfFirstColumn()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name,city\nRené,Zürich\n")];
        using var reader = new CsvRowReader(new MemoryStream(bytes));

        var row = Assert.Single(reader.ReadRows());

        Assert.Equal("name", row.Columns[0]);
        RowAssert.Values(["René", "Zürich"], row);
        Assert.Equal(Encoding.UTF8.CodePage, reader.Encoding.CodePage);
    }

    [Fact]
    public void ReadRows_Utf8WithoutBom_DecodesAccents()
    {
        var row = Assert.Single(Read("name;city\nJosé;Köln\n"));

        RowAssert.Values(["José", "Köln"], row);
    }

    [Fact]
    public void ReadRows_Utf16LittleEndianWithBom_DecodesAccents()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("name,city\r\nRené,Paris\r\n")];
        using var reader = new CsvRowReader(new MemoryStream(bytes));

        var row = Assert.Single(reader.ReadRows());

        Assert.Equal("name", row.Columns[0]);
        RowAssert.Values(["René", "Paris"], row);
        Assert.Equal(Encoding.Unicode.CodePage, reader.Encoding.CodePage);
    }

    [Fact]
    public void ReadRows_Utf16BigEndianWithBom_DecodesAccents()
    {
        byte[] bytes = [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("name\nRené\n")];

        Assert.Equal("René", Assert.Single(Read(bytes))["name"]);
    }

    [Fact]
    public void ReadRows_Windows1252Bytes_DecodesAsExcelWroteThem()
    {
        // "name,city\r\nRené,Besançon €5\r\n" as Excel's "CSV" saves it: é = 0xE9, ç = 0xE7, € = 0x80.
        byte[] bytes = [.. "name,city\r\nRen"u8, 0xE9, .. ",Besan"u8, 0xE7, .. "on "u8, 0x80, .. "5\r\n"u8];
        using var reader = new CsvRowReader(new MemoryStream(bytes));

        var row = Assert.Single(reader.ReadRows());

        RowAssert.Values(["René", "Besançon €5"], row);
        Assert.Equal(1252, reader.Encoding.CodePage);
    }

    [Fact]
    public void ReadRows_Windows1252ByteAfterLongAsciiStart_StillDecodedAsWindows1252()
    {
        var ascii = new StringBuilder("name\r\n");
        for (var i = 0; i < 20_000; i++) ascii.Append("plain ascii row\r\n");
        byte[] bytes = [.. Encoding.ASCII.GetBytes(ascii.ToString()), .. "Ren"u8, 0xE9, .. "\r\n"u8];
        using var reader = new CsvRowReader(new MemoryStream(bytes));

        var rows = reader.ReadRows().ToList();

        Assert.Equal("René", rows[^1]["name"]);
        Assert.Equal(20_002, rows[^1].Line);
        Assert.Equal(1252, reader.Encoding.CodePage);
    }

    [Fact]
    public void ReadRows_SemicolonExcelFile_DetectsSemicolonAndKeepsDecimalCommas()
    {
        // A German Excel export: semicolons, decimal commas, Windows-1252 (ü = 0xFC).
        byte[] bytes = [.. "Name;Betrag;Stadt\r\nM"u8, 0xFC, .. "ller;12,50;M"u8, 0xFC, .. "nchen\r\n"u8];
        using var reader = new CsvRowReader(new MemoryStream(bytes));

        var row = Assert.Single(reader.ReadRows());

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["Name", "Betrag", "Stadt"], row.Columns);
        RowAssert.Values(["Müller", "12,50", "München"], row);
    }

    [Theory]
    [InlineData("a\tb\tc\n1\t2,5\t3\n", '\t')]
    [InlineData("a|b|c\n1|2,5|3\n", '|')]
    [InlineData("a,b,c\n1,\"2,5\",3\n", ',')]
    public void ReadRows_Delimiter_DetectedFromHeader(string csv, char expected)
    {
        using var reader = new CsvRowReader(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

        var row = Assert.Single(reader.ReadRows());

        Assert.Equal(expected, reader.Delimiter);
        RowAssert.Values(["1", "2,5", "3"], row);
    }

    [Fact]
    public void ReadRows_DelimitersInsideQuotedHeader_NotCounted()
    {
        var row = Assert.Single(Read("\"a;b;c;d\",e\n1,2\n"));

        Assert.Equal(["a;b;c;d", "e"], row.Columns);
    }

    [Fact]
    public void ReadRows_ExcelSeparatorLine_NamesDelimiterAndIsSkipped()
    {
        using var reader = new CsvRowReader(new MemoryStream("sep=;\r\na,b;c\r\n1,5;2\r\n"u8.ToArray()));

        var row = Assert.Single(reader.ReadRows());

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["a,b", "c"], row.Columns);
        RowAssert.Values(["1,5", "2"], row);
        Assert.Equal(3, row.Line);
    }

    [Fact]
    public void ReadRows_ExplicitDelimiter_OverridesDetection()
    {
        var row = Assert.Single(Read("a;b,c\n1;2,3\n", new CsvReadOptions { Delimiter = ',' }));

        Assert.Equal(["a;b", "c"], row.Columns);
    }

    [Fact]
    public void ReadRows_ExplicitEncoding_OverridesDetection()
    {
        var row = Assert.Single(Read("name\nRené\n", new CsvReadOptions { Encoding = Windows1252 }));

        Assert.Equal("RenÃ©", row["name"]);
    }

    [Fact]
    public void ReadRows_QuotedFields_DelimitersAndDoubledQuotesKept()
    {
        var row = Assert.Single(Read("a,b,c\n\"Smith, John\",\"say \"\"hi\"\"\",\"\"\"\"\n"));

        RowAssert.Values(["Smith, John", "say \"hi\"", "\""], row);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void ReadRows_LineBreaksInsideQuotes_KeptAndCountedForLaterLines(string nl)
    {
        var csv = $"name,notes{nl}Ada,\"first{nl}second{nl}third\"{nl}Alan,plain{nl}";

        var rows = Read(csv);

        Assert.Equal($"first{nl}second{nl}third", rows[0]["notes"]);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(5, rows[1].Line);
        Assert.Equal("plain", rows[1]["notes"]);
    }

    [Fact]
    public void ReadRows_TextAfterClosingQuote_KeptAsSpreadsheetsDo()
    {
        var row = Assert.Single(Read("a,b\n\"abc\"def,x\n"));

        RowAssert.Values(["abcdef", "x"], row);
    }

    [Fact]
    public void ReadRows_QuoteInsideUnquotedField_IsLiteral()
    {
        var row = Assert.Single(Read("a,b\n5\" disk,x\n"));

        Assert.Equal("5\" disk", row["a"]);
    }

    [Fact]
    public void ReadRows_RaggedRows_ReportedWithLineAndCellsAndReadingGoesOn()
    {
        var rows = Read("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n");

        Assert.Equal(4, rows.Count);
        Assert.Null(rows[0].Error);
        Assert.Equal("line 3: 2 cells, the header has 3", rows[1].Error);
        RowAssert.Values(["4", "5"], rows[1]);
        Assert.Equal("line 4: 4 cells, the header has 3", rows[2].Error);
        RowAssert.Values(["6", "7", "8", "9"], rows[2]);
        Assert.Null(rows[3].Error);
        Assert.Equal(5, rows[3].Line);
    }

    [Fact]
    public void ReadRows_BlankLines_SkippedAndLinesStillPhysical()
    {
        var rows = Read("\r\na,b\r\n\r\n1,2\r\n\r\n\r\n3,4\r\n\r\n");

        Assert.Equal([4L, 7L], rows.Select(r => r.Line));
        Assert.Equal(["a", "b"], rows[0].Columns);
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void ReadRows_EmptyCells_AreNull()
    {
        var row = Assert.Single(Read("a,b,c,d\n,\"\",x,\n"));

        RowAssert.Values([null, null, "x", null], row);
        Assert.Null(row.Error);
    }

    [Theory]
    [InlineData("'=SUM(A1)", "=SUM(A1)")]
    [InlineData("'+1 555 0100", "+1 555 0100")]
    [InlineData("'-5", "-5")]
    [InlineData("'@cmd", "@cmd")]
    [InlineData("\"'\tx\"", "\tx")]
    [InlineData("\"'\r=1\"", "\r=1")]
    [InlineData("''=x", "'=x")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("'", "'")]
    public void ReadRows_ExportFormulaGuard_LeadingQuoteRemoved(string cell, string expected)
    {
        var row = Assert.Single(Read($"a,b\n{cell},x\n"));

        Assert.Equal(expected, row["a"]);
    }

    [Fact]
    public void ReadRows_RestApiCsvList_ReadsBackItsCells()
    {
        var contact = FormatTestData.Contact();
        contact["title"] = "=cmd|' /C calc'!A0";
        var columns = CsvListWriter.Columns(FormatTestData.ContactSchema(), [contact], null);
        using var text = new StringWriter();
        CsvListWriter.Write(text, columns, [contact]);

        var row = Assert.Single(Read(text.ToString()));

        Assert.Equal(columns, row.Columns);
        Assert.Null(row.Error);
        Assert.Equal("=cmd|' /C calc'!A0", row["title"]);
        Assert.Equal("Line one\r\nLine two, with \"quotes\" & <tags>", row["description"]);
        Assert.Equal("ada@home.example", row["email"]);
        Assert.Equal("X-9", row["externalIds.sap.crm"]);
        Assert.Equal("[\"golf\",\"sailing\"]", row["custom.interests"]);
        Assert.Null(row["phone"]);
    }

    [Fact]
    public void ReadRows_DuplicateHeaderNames_RefusedNamingThem()
    {
        var ex = Refuse("email,name,email, name \n1,2,3,4\n");

        Assert.Contains("'email', 'name'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void ReadRows_EmptyHeaderName_RefusedNamingColumn()
    {
        var ex = Refuse("a,,c, \n1,2,3,4\n");

        Assert.Contains("columns 2, 4 have no name", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public void ReadRows_EmptyFile_RefusedForMissingHeader(string csv) =>
        Assert.Contains("header", Refuse(csv).Message, StringComparison.Ordinal);

    [Fact]
    public void ReadRows_NulBytes_RefusedAsNotText()
    {
        byte[] bytes = [.. "PK"u8, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, .. "[Content_Types].xml"u8];

        Assert.Contains("is not a text file", Refuse(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_ControlCharacterGarbage_RefusedAsNotText()
    {
        var random = new Random(42);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == 0) bytes[i] = 1;

        Assert.Contains("is not a text file", Refuse(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_FewStrayControlCharacters_Accepted()
    {
        var csv = new StringBuilder("a,b\n");
        for (var i = 0; i < 200; i++) csv.Append("text,more text\n");
        csv.Append("bell\u0007,x\n");

        Assert.Equal("bell\u0007", Read(csv.ToString())[^1]["a"]);
    }

    [Fact]
    public void ReadRows_UnterminatedQuote_RefusedWithLineWhereItOpened()
    {
        var ex = Refuse("a,b\n1,2\n\"x\ny\",3\n4,\"never closed\n5,6\n7,8\n");

        Assert.Equal(5, ex.Line);
        Assert.StartsWith("line 5:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_RowLongerThanLimit_RefusedNamingLine()
    {
        var limits = new FormatLimits { MaxRowChars = 100 };
        var csv = $"a,b\n1,2\n3,{new string('x', 101)}\n";

        var ex = Refuse(csv, new CsvReadOptions { Limits = limits });

        Assert.Equal(3, ex.Line);
        Assert.Contains("longer than 100 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_RowAtLimit_Accepted()
    {
        var limits = new FormatLimits { MaxRowChars = 100 };

        var row = Assert.Single(Read($"a,b\n3,{new string('x', 98)}\n", new CsvReadOptions { Limits = limits }));

        Assert.Equal(98, row["b"]!.Length);
    }

    [Fact]
    public void ReadRows_HugeUnclosedQuote_StopsAtLimitWithHint()
    {
        var limits = new FormatLimits { MaxRowChars = 1_000 };
        var csv = "a,b\n1,\"" + new string('x', 500_000);

        var ex = Refuse(csv, new CsvReadOptions { Limits = limits });

        Assert.Equal(2, ex.Line);
        Assert.Contains("missing its closing quote", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_MoreColumnsThanLimit_RefusedNamingLine()
    {
        var limits = new FormatLimits { MaxColumns = 5 };

        var ex = Refuse("a,b,c\n1,2,3\n1,2,3,4,5,6\n", new CsvReadOptions { Limits = limits });

        Assert.Equal(3, ex.Line);
        Assert.Contains("more than 5 columns", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_RowLongerThanReadBuffer_ReadWhole()
    {
        var big = new string('é', 300_000);

        var row = Assert.Single(Read($"a,b\n\"{big}\",x\n"));

        Assert.Equal(big, row["a"]);
        Assert.Equal("x", row["b"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void ReadRows_StreamGivingFewBytesAtATime_SameRowsAndLines(int bytesPerRead)
    {
        var csv = new StringBuilder("name,notes,city\r\n");
        for (var i = 0; i < 300; i++)
            csv.Append("Zoë ").Append(i).Append(",\"multi\r\nline, \"\"quoted\"\"\",Ørsted €\r\n\r\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        using var reader = new CsvRowReader(new TrickleStream(bytes, bytesPerRead));

        var rows = reader.ReadRows().ToList();

        Assert.Equal(300, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal("Zoë 299", rows[^1]["name"]);
        Assert.Equal("multi\r\nline, \"quoted\"", rows[^1]["notes"]);
        Assert.Equal("Ørsted €", rows[^1]["city"]);
        Assert.Equal(2 + (299 * 3), rows[^1].Line);
    }

    [Fact]
    public void ReadRows_CalledTwice_Refused()
    {
        using var reader = new CsvRowReader(new MemoryStream("a\n1\n"u8.ToArray()));
        _ = reader.ReadRows().ToList();

        Assert.Throws<InvalidOperationException>(() => reader.ReadRows());
    }

    [Fact]
    public void ReadRows_Cancelled_Stops()
    {
        using var cts = new CancellationTokenSource();
        using var reader = new CsvRowReader(new MemoryStream("a\n1\n2\n3\n"u8.ToArray()));

        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in reader.ReadRows(cts.Token)) cts.Cancel();
        });
    }

    [Fact]
    public void Dispose_LeavesStreamOpen()
    {
        var stream = new MemoryStream("a\n1\n"u8.ToArray());

        using (var reader = new CsvRowReader(stream)) _ = reader.ReadRows().ToList();

        Assert.True(stream.CanRead);
    }
}
