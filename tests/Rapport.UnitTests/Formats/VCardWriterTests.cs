using System.Text;
using System.Text.Json.Nodes;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class VCardWriterTests
{
    private static string Write(params JsonObject[] contacts)
    {
        using var ms = new MemoryStream();
        using (var writer = new VCardWriter(ms))
        {
            foreach (var contact in contacts) writer.Write(contact);
            writer.Complete();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static List<SourceRow> Read(string text)
    {
        using var reader = new VCardRowReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), FormatLimits.Default);
        return reader.ReadRows().ToList();
    }

    private static JsonObject Contact()
    {
        var contact = FormatTestData.Contact();
        contact["phones"] = JsonNode.Parse("""
            [{ "number": "+4930123456", "type": "mobile", "primary": true }, { "number": "+4930654321", "type": "fax" }]
            """);
        contact["title"] = "Countess; Analyst, first";
        contact["accountName"] = "Analytical Engines, Ltd.";
        return contact;
    }

    [Fact]
    public void Write_Contact_Vcard40Properties()
    {
        var text = Write(Contact());

        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nTITLE:Countess\\; Analyst\\, first\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nORG:Analytical Engines\\, Ltd.\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nEMAIL;TYPE=work:ada@example.com\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nEMAIL;TYPE=home;PREF=1:ada@home.example\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nTEL;TYPE=cell;PREF=1:+4930123456\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nTEL;TYPE=fax:+4930654321\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nADR:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nBDAY:18151210\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nNOTE:Line one\\nLine two\\, with \"quotes\" & <tags>\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nUID:urn:uuid:3f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nREV:20260103T030405Z\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VCARD\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoAccountName_NoOrg()
    {
        var contact = FormatTestData.Contact();

        Assert.DoesNotContain("ORG:", Write(contact), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ThenRead_SameNamesEmailsPhonesAddress()
    {
        var contact = Contact();

        var row = Assert.Single(Read(Write(contact)));

        Assert.Null(row.Error);
        Assert.Equal("Ada", row["firstName"]);
        Assert.Equal("Lovelace", row["lastName"]);
        Assert.Equal("Countess; Analyst, first", row["title"]);
        Assert.Equal("Analytical Engines, Ltd.", row["account.name"]);
        Assert.Equal(
            """[{"address":"ada@example.com","type":"work","primary":false},{"address":"ada@home.example","type":"home","primary":true}]""",
            row["emails"]);
        Assert.Equal(
            """[{"number":"+4930123456","type":"mobile","primary":true},{"number":"+4930654321","type":"fax","primary":false}]""",
            row["phones"]);
        Assert.Equal("12 St James's Square", row["address.street"]);
        Assert.Equal("London", row["address.city"]);
        Assert.Equal("SW1Y 4JH", row["address.postalCode"]);
        Assert.Equal("GB", row["address.country"]);
        Assert.Equal("1815-12-10", row["birthDate"]);
        Assert.Equal("Line one\nLine two, with \"quotes\" & <tags>", row["description"]);
        Assert.Equal("urn:uuid:3f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b", row["externalIds.vcard"]);
    }

    [Fact]
    public void Write_LongMultibyteText_FoldedAt75OctetsWithoutSplittingCharacters()
    {
        var note = string.Concat(Enumerable.Repeat("Grüße aus Köln 😀 — 東京 ", 20));
        var contact = new JsonObject { ["id"] = "1", ["lastName"] = "Ünal", ["description"] = note };

        var bytes = Encoding.UTF8.GetBytes(Write(contact));

        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var lines = SplitCrlf(bytes);
        Assert.True(lines.Count > 10);
        foreach (var line in lines)
        {
            Assert.True(line.Length <= 75, $"{line.Length} octets");
            strict.GetString(line);
        }
        Assert.Equal(note.TrimEnd(), Assert.Single(Read(Encoding.UTF8.GetString(bytes)))["description"]);
    }

    [Fact]
    public void Write_ManyContacts_OneCardEach()
    {
        var rows = Read(Write(Contact(), new JsonObject { ["id"] = "2", ["firstName"] = "Grace", ["lastName"] = "Hopper" }));

        Assert.Equal(["Lovelace", "Hopper"], rows.Select(r => r["lastName"]));
    }

    private static List<byte[]> SplitCrlf(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] != '\r' || bytes[i + 1] != '\n') continue;
            lines.Add(bytes[start..i]);
            start = i + 2;
        }
        Assert.Equal(bytes.Length, start);
        return lines;
    }
}
