using System.Text;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class XmlBodySecurityTests
{
    private static XmlBodyException Refuse(string xml) =>
        Assert.Throws<XmlBodyException>(() => XmlRecordReader.Read(xml, FormatTestData.ContactSchema()));

    [Fact]
    public void Read_ExternalEntityDtd_RefusedAsDtd()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE contact [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <contact><lastName>&xxe;</lastName></contact>
            """;

        Assert.Equal("XML with a DTD is not accepted.", Refuse(xml).Message);
    }

    [Fact]
    public void Read_BillionLaughs_RefusedAsDtd()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <contact><lastName>&lol4;</lastName></contact>
            """;

        Assert.Equal("XML with a DTD is not accepted.", Refuse(xml).Message);
    }

    [Fact]
    public void ReadGeneric_Dtd_Refused()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes("<!DOCTYPE a [<!ENTITY e SYSTEM \"http://example.com/\">]><a>&e;</a>"));

        Assert.Throws<XmlBodyException>(() => XmlRecordReader.ReadGeneric(body));
    }

    [Fact]
    public void Read_Malformed_MessageNamesLineAndPosition()
    {
        var ex = Refuse("<contact>\n  <firstName>Ada</lastName>\n</contact>");

        Assert.StartsWith("The XML body is malformed at line 2, position", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Line);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Read_UndeclaredEntity_Refused() =>
        Assert.Contains("malformed", Refuse("<contact><lastName>&nope;</lastName></contact>").Message, StringComparison.Ordinal);

    [Fact]
    public void Read_EmptyBody_Refused() => Refuse("");

    [Fact]
    public void Read_NestingDeeperThan32_Refused()
    {
        var xml = "<contact>" + string.Concat(Enumerable.Repeat("<a>", 40)) + string.Concat(Enumerable.Repeat("</a>", 40)) + "</contact>";

        Assert.Contains("deeper than 32", Refuse(xml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Nesting32Deep_Accepted()
    {
        var xml = "<contact>" + string.Concat(Enumerable.Repeat("<a>", 31)) + string.Concat(Enumerable.Repeat("</a>", 31)) + "</contact>";

        Assert.NotNull(XmlRecordReader.Read(xml, FormatTestData.ContactSchema())["a"]);
    }

    [Fact]
    public void Read_MoreThan10000Elements_Refused()
    {
        var xml = "<contact><custom>" + string.Concat(Enumerable.Range(0, 10_001).Select(i => $"<f{i}/>")) + "</custom></contact>";

        Assert.Contains("more than 10,000 elements", Refuse(xml).Message, StringComparison.Ordinal);
    }
}
