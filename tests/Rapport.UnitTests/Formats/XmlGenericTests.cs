using System.Text.Json.Nodes;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class XmlGenericTests
{
    [Fact]
    public void WriteGenericThenReadGeneric_StringsNullsArraysOddNames_RoundTrip()
    {
        var node = JsonNode.Parse("""
            { "operations": [ { "method": "POST", "body": { "lastName": "X" } }, { "method": "DELETE", "body": null } ],
              "odd name": "a", "1st": "b", "item": "c", "xmlish": "d", "empty": "" }
            """);

        var xml = XmlRecordWriter.ToXmlString(w => XmlRecordWriter.WriteGeneric(w, "batch", node));
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        var back = XmlRecordReader.ReadGeneric(body);

        Assert.Contains("<item name=\"odd name\">a</item>", xml, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(node, back), back?.ToJsonString());
    }

    [Fact]
    public void WriteGeneric_NumbersAndBooleans_WrittenInvariant()
    {
        var xml = XmlRecordWriter.ToXmlString(w => XmlRecordWriter.WriteGeneric(w, "r", JsonNode.Parse("""{"n":-1.25,"b":false}""")));

        Assert.EndsWith("<r xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><n>-1.25</n><b>false</b></r>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGeneric_NumbersAndNil_StayStringsAndNull()
    {
        var back = XmlRecordReader.ReadGeneric("""<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><n>5</n><z xsi:nil="true"/></r>""")!;

        Assert.Equal("5", back["n"]!.GetValue<string>());
        Assert.True(back.AsObject().ContainsKey("z"));
        Assert.Null(back["z"]);
    }

    [Fact]
    public void ReadGeneric_SingleItem_IsArrayOfOne()
    {
        var back = XmlRecordReader.ReadGeneric("<r><ids><item>a</item></ids></r>")!;

        Assert.Equal(["a"], back["ids"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}
