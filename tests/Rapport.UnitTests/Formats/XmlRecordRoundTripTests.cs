using System.Text.Json.Nodes;
using System.Xml.Linq;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class XmlRecordRoundTripTests
{
    private static string Write(JsonObject record) =>
        XmlRecordWriter.ToXmlString(w => XmlRecordWriter.WriteRecord(w, FormatTestData.ContactSchema(), record));

    [Fact]
    public void WriteThenRead_Contact_GivesBackEquivalentJson()
    {
        var record = FormatTestData.Contact();

        var back = XmlRecordReader.Read(Write(record), FormatTestData.ContactSchema());

        Assert.True(JsonNode.DeepEquals(record, back), $"expected {record.ToJsonString()}\nactual   {back.ToJsonString()}");
    }

    [Fact]
    public void WriteThenRead_StreamBody_GivesBackEquivalentJson()
    {
        var record = FormatTestData.Contact();
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Write(record)));

        var back = XmlRecordReader.Read(body, FormatTestData.ContactSchema());

        Assert.True(JsonNode.DeepEquals(record, back));
    }

    [Fact]
    public void WriteRecord_Contact_UsesSingularRootItemNamesAndNil()
    {
        var doc = XDocument.Parse(Write(FormatTestData.Contact()));
        XNamespace xsi = "http://www.w3.org/2001/XMLSchema-instance";
        var root = doc.Root!;

        Assert.Equal("contact", root.Name.LocalName);
        Assert.Equal(["email", "email"], root.Element("emails")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("ada@home.example", root.Element("emails")!.Elements().ElementAt(1).Element("address")!.Value);
        Assert.Equal("true", root.Element("title")!.Attribute(xsi + "nil")!.Value);
        Assert.Equal(["golf", "sailing"], root.Element("custom")!.Element("interests")!.Elements("value").Select(e => e.Value));
        Assert.Equal("123", root.Element("externalIds")!.Element("erp")!.Value);
        Assert.Equal("true", root.Element("custom")!.Element("vip")!.Value);
        Assert.Equal("3", root.Element("version")!.Value);
    }

    [Fact]
    public void ToXmlString_AnyWrite_HasUtf8Declaration()
    {
        var xml = Write(FormatTestData.Contact());

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><contact xmlns:xsi=", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteList_WithCursor_WritesPluralRootAndRecords()
    {
        var schema = FormatTestData.ContactSchema();
        var xml = XmlRecordWriter.ToXmlString(w => XmlRecordWriter.WriteList(w, schema, [FormatTestData.Contact(), FormatTestData.Contact()], "abc"));
        var root = XDocument.Parse(xml).Root!;

        Assert.Equal("contacts", root.Name.LocalName);
        Assert.Equal("abc", root.Attribute("nextCursor")!.Value);
        Assert.Equal(2, root.Elements("contact").Count());
    }

    [Fact]
    public void WriteList_WithoutCursor_OmitsAttribute()
    {
        var xml = XmlRecordWriter.ToXmlString(w => XmlRecordWriter.WriteList(w, FormatTestData.ContactSchema(), [], null));

        Assert.Null(XDocument.Parse(xml).Root!.Attribute("nextCursor"));
    }

    [Fact]
    public void WriteRecord_ControlCharacterInText_WritesWellFormedXml()
    {
        var record = new JsonObject { ["id"] = "x", ["firstName"] = "bad\u0001char" };

        var back = XmlRecordReader.Read(Write(record), FormatTestData.ContactSchema());

        Assert.Equal("bad\uFFFDchar", back["firstName"]!.GetValue<string>());
    }
}
