using System.Text;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class RowReadersTests
{
    [Theory]
    [InlineData("contacts.csv", DataFormat.Csv)]
    [InlineData("C:\\exports\\Accounts.CSV", DataFormat.Csv)]
    [InlineData("list.tsv", DataFormat.Csv)]
    [InlineData("list.txt", DataFormat.Csv)]
    [InlineData("dump.json", DataFormat.Json)]
    [InlineData("dump.jsonl", DataFormat.JsonLines)]
    [InlineData("dump.ndjson", DataFormat.JsonLines)]
    [InlineData("/tmp/export.xml", DataFormat.Xml)]
    [InlineData("book.xlsx", DataFormat.Xlsx)]
    [InlineData("people.vcf", DataFormat.VCard)]
    [InlineData("people.vcard", DataFormat.VCard)]
    [InlineData("calendar.ics", DataFormat.ICalendar)]
    public void FromFileName_KnownExtension_Format(string path, DataFormat expected) =>
        Assert.Equal(expected, RowReaders.FromFileName(path));

    [Theory]
    [InlineData("notes.docx")]
    [InlineData("README")]
    [InlineData("archive.csv.gz")]
    public void FromFileName_OtherExtension_Null(string path) => Assert.Null(RowReaders.FromFileName(path));

    [Theory]
    [InlineData("csv", DataFormat.Csv)]
    [InlineData("JSON", DataFormat.Json)]
    [InlineData("jsonl", DataFormat.JsonLines)]
    [InlineData("ndjson", DataFormat.JsonLines)]
    [InlineData(" xml ", DataFormat.Xml)]
    [InlineData("xlsx", DataFormat.Xlsx)]
    [InlineData("vcard", DataFormat.VCard)]
    [InlineData("ical", DataFormat.ICalendar)]
    [InlineData("ics", DataFormat.ICalendar)]
    public void Parse_KnownName_Format(string name, DataFormat expected) => Assert.Equal(expected, RowReaders.Parse(name));

    [Theory]
    [InlineData("")]
    [InlineData("yaml")]
    public void Parse_UnknownName_Null(string name) => Assert.Null(RowReaders.Parse(name));

    [Theory]
    [InlineData(DataFormat.Csv, "name\nAda\n")]
    [InlineData(DataFormat.Json, """[{"name":"Ada"}]""")]
    [InlineData(DataFormat.JsonLines, """{"name":"Ada"}""")]
    [InlineData(DataFormat.Xml, "<contacts><contact><name>Ada</name></contact></contacts>")]
    public void Open_TextFormat_ReadsTheFile(DataFormat format, string content)
    {
        using var reader = RowReaders.Open(format, new MemoryStream(Encoding.UTF8.GetBytes(content)), new RowReaderOptions());

        Assert.Equal("Ada", Assert.Single(reader.ReadRows())["name"]);
    }

    [Fact]
    public void Open_CsvWithOptions_PassesDelimiterEncodingAndLimits()
    {
        var options = new RowReaderOptions
        {
            Delimiter = ';',
            Encoding = CodePagesEncodingProvider.Instance.GetEncoding(1252),
            Limits = new FormatLimits { MaxColumns = 2 },
        };
        using var reader = RowReaders.Open(DataFormat.Csv, new MemoryStream([.. "a,b;c\nRen"u8, 0xE9, .. ";x\n"u8]), options);

        var row = Assert.Single(reader.ReadRows());

        Assert.Equal(["a,b", "c"], row.Columns);
        Assert.Equal("René", row["a,b"]);
    }

    [Theory]
    [InlineData(DataFormat.Csv, typeof(CsvRowReader))]
    [InlineData(DataFormat.Json, typeof(JsonArrayRowReader))]
    [InlineData(DataFormat.JsonLines, typeof(JsonLinesRowReader))]
    [InlineData(DataFormat.Xml, typeof(XmlRowReader))]
    [InlineData(DataFormat.Xlsx, typeof(XlsxRowReader))]
    [InlineData(DataFormat.VCard, typeof(VCardRowReader))]
    [InlineData(DataFormat.ICalendar, typeof(ICalendarRowReader))]
    public void Open_EveryFormat_GivesItsReader(DataFormat format, Type reader)
    {
        using var opened = RowReaders.Open(format, new MemoryStream(), new RowReaderOptions());
        Assert.IsType(reader, opened);
    }
}
