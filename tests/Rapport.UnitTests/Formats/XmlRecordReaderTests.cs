using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class XmlRecordReaderTests
{
    private static JsonObject Read(string xml) => XmlRecordReader.Read(xml, FormatTestData.ContactSchema());

    [Fact]
    public void Read_NumberThatDoesNotParse_KeepsString()
    {
        var json = Read("<contact><custom><score>lots</score></custom></contact>");

        Assert.Equal(JsonValueKind.String, json["custom"]!["score"]!.GetValueKind());
        Assert.Equal("lots", json["custom"]!["score"]!.GetValue<string>());
    }

    [Fact]
    public void Read_InvariantNumber_BecomesJsonNumber()
    {
        var json = Read("<contact><custom><score> 1.5 </score></custom></contact>");

        Assert.Equal(1.5m, json["custom"]!["score"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Read_BooleanText_BecomesBool(string text, bool expected)
    {
        var json = Read($"<contact><custom><vip>{text}</vip></custom></contact>");

        Assert.Equal(expected, json["custom"]!["vip"]!.GetValue<bool>());
    }

    [Fact]
    public void Read_BooleanGarbage_KeepsString() =>
        Assert.Equal("yes", Read("<contact><custom><vip>yes</vip></custom></contact>")["custom"]!["vip"]!.GetValue<string>());

    [Fact]
    public void Read_UnknownElements_KeptAsStrings()
    {
        var json = Read("<contact><nickname>Ada</nickname><custom><colour>red</colour></custom></contact>");

        Assert.Equal("Ada", json["nickname"]!.GetValue<string>());
        Assert.Equal("red", json["custom"]!["colour"]!.GetValue<string>());
    }

    [Fact]
    public void Read_EmptyElements_TextEmptyOthersNullArraysEmpty()
    {
        var json = Read("<contact><firstName/><birthDate></birthDate><address/><emails/><custom><score/></custom></contact>");

        Assert.Equal("", json["firstName"]!.GetValue<string>());
        Assert.True(json.ContainsKey("birthDate") && json["birthDate"] is null);
        Assert.True(json.ContainsKey("address") && json["address"] is null);
        Assert.Empty(json["emails"]!.AsArray());
        Assert.True(json["custom"]!.AsObject().ContainsKey("score") && json["custom"]!["score"] is null);
    }

    [Fact]
    public void Read_NilElement_BecomesNull()
    {
        var json = Read("""<contact xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><firstName xsi:nil="true"/></contact>""");

        Assert.True(json.ContainsKey("firstName"));
        Assert.Null(json["firstName"]);
    }

    [Fact]
    public void Read_RepeatedElement_ThrowsWithLine()
    {
        var ex = Assert.Throws<XmlBodyException>(() => Read("<contact>\n<firstName>A</firstName>\n<firstName>B</firstName></contact>"));

        Assert.Contains("firstName", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ItemWithNameAttribute_UsesOriginalName()
    {
        var json = Read("""<contact><externalIds><item name="my system">7</item></externalIds></contact>""");

        Assert.Equal("7", json["externalIds"]!["my system"]!.GetValue<string>());
    }
}
