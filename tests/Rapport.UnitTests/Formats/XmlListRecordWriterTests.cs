using System.Text;
using System.Xml.Linq;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class XmlListRecordWriterTests
{
    [Fact]
    public void Write_Records_SameDocumentAsTheApiList()
    {
        var schema = FormatTestData.ContactSchema();
        var stream = new MemoryStream();

        using (var writer = new XmlListRecordWriter(stream, schema))
        {
            writer.Write(FormatTestData.Contact());
            writer.Write(FormatTestData.Contact());
            writer.Complete();
        }

        var expected = XmlRecordWriter.ToXmlString(w => XmlRecordWriter.WriteList(w, schema, [FormatTestData.Contact(), FormatTestData.Contact()], null));
        Assert.Equal(expected, Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Complete_NoRecords_EmptyListElement()
    {
        var stream = new MemoryStream();

        using (var writer = new XmlListRecordWriter(stream, FormatTestData.ContactSchema()))
            writer.Complete();

        var root = XDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).Root!;
        Assert.Equal("contacts", root.Name.LocalName);
        Assert.Empty(root.Elements());
    }

    [Fact]
    public void Dispose_WithoutComplete_DocumentLeftUnclosed()
    {
        var stream = new MemoryStream();

        using (var writer = new XmlListRecordWriter(stream, FormatTestData.ContactSchema()))
            writer.Write(FormatTestData.Contact());

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain("</contacts>", text, StringComparison.Ordinal);
        Assert.True(stream.CanWrite);
    }

    [Fact]
    public void Write_AfterComplete_Refused()
    {
        using var writer = new XmlListRecordWriter(new MemoryStream(), FormatTestData.ContactSchema());
        writer.Complete();

        Assert.Throws<InvalidOperationException>(() => writer.Write(FormatTestData.Contact()));
    }
}
