using System.Text;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

/// <summary><see cref="CsvUtf8Writer"/> must write the very bytes of <see cref="CsvTableWriter"/>: the SQLite export path uses one, every other path the other.</summary>
public sealed class CsvUtf8WriterTests
{
    private static readonly string?[] Cells =
    [
        null, "", "plain", "a,b", "semi;colon", "say \"hi\"", "\"", "line\nbreak", "cr\rlf", "=SUM(A1)", "'=already", "''+x", "-5", "+49 30",
        "@home", "\tindented", "\rreturn", "'plain", "Zoë 😀 东京", "tab\tinside", new string('x', 70_000) + ",\"" + new string('y', 10),
    ];

    [Theory]
    [InlineData(',', false)]
    [InlineData(';', true)]
    [InlineData('\t', false)]
    [InlineData('|', false)]
    public void Write_SameRowsAsTheStringWriter_GivesTheSameBytes(char delimiter, bool byteOrderMark)
    {
        var options = new CsvWriteOptions { Delimiter = delimiter, ByteOrderMark = byteOrderMark };
        var columns = Enumerable.Range(0, Cells.Length).Select(i => $"c{i}").ToList();
        List<string?[]> rows = [Cells, Cells.Reverse().ToArray(), Cells.Select(_ => (string?)null).ToArray()];

        using var expected = new MemoryStream();
        var table = new CsvTableWriter(expected, options);
        table.WriteHeader(columns);
        foreach (var row in rows) table.WriteRow(row);
        table.Complete();

        using var actual = new MemoryStream();
        var utf8 = new CsvUtf8Writer(actual, options);
        utf8.WriteHeader(columns);
        foreach (var row in rows)
        {
            foreach (var cell in row) utf8.WriteCell(cell is null ? [] : Encoding.UTF8.GetBytes(cell));
            utf8.EndRow();
        }
        utf8.Complete();

        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    [InlineData('é')]
    public void New_DelimiterThatCannotBeOneByte_IsRefused(char delimiter) =>
        Assert.Throws<ArgumentException>(() => new CsvUtf8Writer(new MemoryStream(), new CsvWriteOptions { Delimiter = delimiter }));
}
