using System.Text;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class XmlRowReaderTests
{
    private static ObjectSchema Schema() => new(StandardObjects.Contacts,
    [
        .. FormatTestData.ContactSchema().CustomFields,
        CustomFieldTypes.ToField("budget", "Budget", "currency", false, false, null, null, null),
    ]);

    /// <summary>Two contacts using every shape: arrays of objects, an empty array, objects, nulls, a multipicklist, odd keys.</summary>
    private static List<JsonObject> Contacts()
    {
        var ada = FormatTestData.Contact();
        ada["phones"] = new JsonArray(new JsonObject { ["number"] = "+44 20 7946 0000", ["type"] = "mobile", ["primary"] = true });
        ada["externalIds"]!["weird key"] = "w";
        ada["custom"]!["budget"] = JsonValue.Create(12.50m);
        var alan = JsonNode.Parse("""
            {
              "id": "9a1b2c3d-0000-4000-8000-000000000001",
              "firstName": "Alan",
              "lastName": "Turing",
              "emails": [],
              "phones": [{ "number": "+44 1234", "type": "work", "primary": false }],
              "address": {},
              "marketingConsent": { "status": "granted", "at": "2026-01-01T00:00:00.000000Z", "method": "web_form", "source": null },
              "externalIds": {},
              "custom": { "tier": null, "score": 7, "vip": false, "interests": [] },
              "version": 1
            }
            """)!.AsObject();
        return [ada, alan];
    }

    private static List<SourceRow> Read(string xml, ObjectSchema? schema = null, FormatLimits? limits = null)
    {
        using var reader = new XmlRowReader(new MemoryStream(Encoding.UTF8.GetBytes(xml)), schema, limits);
        return reader.ReadRows().ToList();
    }

    private static ImportFormatException Refuse(string xml, ObjectSchema? schema = null, FormatLimits? limits = null) =>
        Assert.Throws<ImportFormatException>(() => Read(xml, schema, limits));

    [Fact]
    public void ReadRows_XmlExportOfContacts_SameCellsAsJsonExport()
    {
        var schema = Schema();
        var contacts = Contacts();
        var xml = XmlRecordWriter.ToXmlString(w => XmlRecordWriter.WriteList(w, schema, contacts, null));
        var json = new JsonArray([.. contacts.Select(c => c.DeepClone())]).ToJsonString(RecordJson.Options);
        using var jsonReader = new JsonArrayRowReader(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var expected = jsonReader.ReadRows().ToList();

        var actual = Read(xml, schema);

        Assert.Equal(2, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Columns, actual[i].Columns);
            RowAssert.Values(expected[i].Values, actual[i]);
            Assert.Null(actual[i].Error);
        }
        var ada = actual[0];
        Assert.Equal("""[{"address":"ada@example.com","type":"work","primary":false},{"address":"ada@home.example","type":"home","primary":true}]""", ada["emails"]);
        Assert.Equal("""[{"number":"+44 20 7946 0000","type":"mobile","primary":true}]""", ada["phones"]);
        Assert.Equal("London", ada["address.city"]);
        Assert.Null(ada["address.line2"]);
        Assert.Equal("X-9", ada["externalIds.sap.crm"]);
        Assert.Equal("w", ada["externalIds.weird key"]);
        Assert.Equal("""["golf","sailing"]""", ada["custom.interests"]);
        Assert.Equal("12.50", ada["custom.budget"]);
        Assert.Equal("42", ada["custom.score"]);
        Assert.Equal("true", ada["custom.vip"]);
        Assert.Equal("Line one\r\nLine two, with \"quotes\" & <tags>", ada["description"]);
        Assert.Equal("[]", actual[1]["emails"]);
        Assert.Equal("granted", actual[1]["marketingConsent.status"]);
    }

    [Fact]
    public void ReadRows_XmlListRecordWriterOutput_SameCellsAsJsonExport()
    {
        var schema = Schema();
        var contacts = Contacts();
        var stream = new MemoryStream();
        using (var writer = new XmlListRecordWriter(stream, schema))
        {
            foreach (var contact in contacts) writer.Write(contact);
            writer.Complete();
        }
        var json = new JsonArray([.. contacts.Select(c => c.DeepClone())]).ToJsonString(RecordJson.Options);
        using var jsonReader = new JsonArrayRowReader(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var expected = jsonReader.ReadRows().ToList();
        stream.Position = 0;
        using var xmlReader = new XmlRowReader(stream, schema);

        var actual = xmlReader.ReadRows().ToList();

        Assert.Equal(expected.Select(r => r.Columns), actual.Select(r => r.Columns));
        Assert.Equal(expected.Select(r => r.Values), actual.Select(r => r.Values));
    }

    [Fact]
    public void ReadRows_WithoutSchema_ArraysFromElementShapesValuesAsText()
    {
        var row = Assert.Single(Read("""
            <contacts>
              <contact>
                <lastName>Lovelace</lastName>
                <emails><email><address>a@b.c</address><primary>true</primary></email></emails>
                <phones><phone><number>1</number></phone><phone><number>2</number></phone></phones>
                <tags><item>x</item><item>y</item></tags>
                <interests><value>golf</value><value>sailing</value></interests>
                <address><city>London</city><line2 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></address>
                <custom><item name="weird key">v</item><tier>gold</tier></custom>
                <a><b><c>deep</c></b></a>
              </contact>
            </contacts>
            """));

        Assert.Equal("Lovelace", row["lastName"]);
        Assert.Equal("""[{"address":"a@b.c","primary":"true"}]""", row["emails"]);
        Assert.Equal("""[{"number":"1"},{"number":"2"}]""", row["phones"]);
        Assert.Equal("""["x","y"]""", row["tags"]);
        Assert.Equal("""["golf","sailing"]""", row["interests"]);
        Assert.Equal("London", row["address.city"]);
        Assert.Contains("address.line2", row.Columns);
        Assert.Null(row["address.line2"]);
        Assert.Equal("v", row["custom.weird key"]);
        Assert.Equal("gold", row["custom.tier"]);
        Assert.Equal("deep", row["a.b.c"]);
    }

    [Fact]
    public void ReadRows_DeclaredWindows1252_Decoded()
    {
        byte[] bytes = [.. "<?xml version=\"1.0\" encoding=\"windows-1252\"?><r><c><n>Ren"u8, 0xE9, .. "</n></c></r>"u8];
        using var reader = new XmlRowReader(new MemoryStream(bytes));

        Assert.Equal("René", Assert.Single(reader.ReadRows())["n"]);
    }

    [Fact]
    public void ReadRows_EncodingGiven_OverridesFile()
    {
        byte[] bytes = [.. "<r><c><n>Ren"u8, 0xE9, .. "</n></c></r>"u8];
        using var reader = new XmlRowReader(new MemoryStream(bytes), encoding: CodePagesEncodingProvider.Instance.GetEncoding(1252));

        Assert.Equal("René", Assert.Single(reader.ReadRows())["n"]);
    }

    [Fact]
    public void ReadRows_InvalidUtf8_RefusedAsImportError()
    {
        byte[] bytes = [.. "<r><c><n>Ren"u8, 0xE9, .. "</n></c></r>"u8];
        using var reader = new XmlRowReader(new MemoryStream(bytes));

        Assert.Throws<ImportFormatException>(() => reader.ReadRows().ToList());
    }

    [Fact]
    public void ReadRows_SingleRecordDocument_RowErrorsExplainTheShape()
    {
        var rows = Read("<contact>\n<lastName>Lovelace</lastName>\n</contact>");

        Assert.StartsWith("line 2: <lastName> holds text, not the fields of a record", Assert.Single(rows).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_RootAndRecordNames_NotChecked()
    {
        var rows = Read("<export><row><name>a</name></row><record><name>b</name></record></export>");

        Assert.Equal(["a", "b"], rows.Select(r => r["name"]));
    }

    [Fact]
    public void ReadRows_Records_LineIsWhereEachStarts()
    {
        var rows = Read("<?xml version=\"1.0\"?>\n<contacts>\n  <contact>\n    <lastName>A</lastName>\n  </contact>\n  <contact><lastName>B</lastName></contact>\n</contacts>\n");

        Assert.Equal([3L, 6L], rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("<contacts/>")]
    [InlineData("<contacts>\n</contacts>")]
    public void ReadRows_EmptyList_NoRows(string xml) => Assert.Empty(Read(xml));

    [Fact]
    public void ReadRows_RepeatedElementInRecord_RowErrorAndReadingGoesOn()
    {
        var rows = Read("<contacts>\n<contact><lastName>A</lastName><lastName>B</lastName></contact>\n<contact><lastName>C</lastName></contact>\n</contacts>", Schema());

        Assert.Equal(2, rows.Count);
        Assert.StartsWith("line 2:", rows[0].Error, StringComparison.Ordinal);
        Assert.Contains("lastName", rows[0].Error, StringComparison.Ordinal);
        Assert.Null(rows[1].Error);
        Assert.Equal("C", rows[1]["lastName"]);
    }

    [Fact]
    public void ReadRows_Dtd_RefusedAsImportError()
    {
        var ex = Refuse("<?xml version=\"1.0\"?>\n<!DOCTYPE contacts [<!ELEMENT contacts ANY>]>\n<contacts/>");

        Assert.StartsWith("DTDs are not accepted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_ExternalEntity_RefusedAsImportError()
    {
        var ex = Refuse("""
            <?xml version="1.0"?>
            <!DOCTYPE contacts [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <contacts><contact><lastName>&xxe;</lastName></contact></contacts>
            """);

        Assert.StartsWith("DTDs are not accepted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_BillionLaughs_RefusedAsImportError()
    {
        var ex = Refuse("""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <contacts><contact><lastName>&lol4;</lastName></contact></contacts>
            """);

        Assert.StartsWith("DTDs are not accepted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_UndeclaredEntity_RefusedAsMalformed()
    {
        Assert.Contains("malformed", Refuse("<contacts><contact><a>&nope;</a></contact></contacts>").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_MalformedAfterGoodRecords_RowsThenImportErrorWithLine()
    {
        var rows = new List<SourceRow>();
        using var reader = new XmlRowReader(new MemoryStream("<contacts>\n<contact><a>1</a></contact>\n<contact><a>2</b></contact>\n</contacts>"u8.ToArray()));

        var ex = Assert.Throws<ImportFormatException>(() =>
        {
            foreach (var row in reader.ReadRows()) rows.Add(row);
        });

        Assert.Single(rows);
        Assert.Equal(3, ex.Line);
        Assert.StartsWith("line 3: the XML is malformed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_NotXml_RefusedAsImportError()
    {
        Assert.IsType<ImportFormatException>(Refuse("name,city\nAda,London\n"));
    }

    [Fact]
    public void ReadRows_NestedDeeperThanLimit_Refused()
    {
        var limits = new FormatLimits { MaxDepth = 2 };

        Assert.Single(Read("<r><c><a><b>1</b></a></c></r>", limits: limits));
        var ex = Refuse("<r>\n<c><a><b><d>1</d></b></a></c></r>", limits: limits);

        Assert.Equal(2, ex.Line);
        Assert.Contains("deeper than 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_RecordLargerThanLimit_RefusedNamingItsLine()
    {
        var limits = new FormatLimits { MaxRowChars = 100 };
        var xml = $"<contacts>\n<contact><a>ok</a></contact>\n<contact>\n<a>{new string('x', 200)}</a></contact></contacts>";

        var ex = Refuse(xml, limits: limits);

        Assert.Equal(3, ex.Line);
        Assert.Contains("larger than 100 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_ManyRecordsFromSlowStream_AllRead()
    {
        var schema = Schema();
        var contacts = Enumerable.Range(0, 200).Select(i => Contacts()[i % 2]).ToList();
        var xml = XmlRecordWriter.ToXmlString(w => XmlRecordWriter.WriteList(w, schema, contacts, "next"));
        using var reader = new XmlRowReader(new TrickleStream(Encoding.UTF8.GetBytes(xml), 3), schema);

        var rows = reader.ReadRows().ToList();

        Assert.Equal(200, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal("Turing", rows[^1]["lastName"]);
    }
}
