using System.Text.Json.Nodes;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class CsvListWriterTests
{
    private static string Csv(params JsonObject[] records)
    {
        var schema = FormatTestData.ContactSchema();
        var columns = CsvListWriter.Columns(schema, records, null);
        using var w = new StringWriter();
        CsvListWriter.Write(w, columns, records);
        return w.ToString();
    }

    private static string[] Rows(string csv) => csv.Split("\r\n");

    [Fact]
    public void Columns_ContactWithCustomFields_FlatOrderedColumns()
    {
        var other = new JsonObject { ["id"] = "2", ["externalIds"] = new JsonObject { ["crm"] = "c1" } };

        var columns = CsvListWriter.Columns(FormatTestData.ContactSchema(), [FormatTestData.Contact(), other], null);

        Assert.Equal(
        [
            "id", "firstName", "lastName", "title", "email", "phone", "accountId",
            "address.street", "address.line2", "address.city", "address.postalCode", "address.region", "address.country",
            "lifecycleStage", "marketingConsent.status", "marketingConsent.at", "marketingConsent.method", "marketingConsent.source",
            "birthDate", "description", "ownerId",
            "externalIds.crm", "externalIds.erp", "externalIds.sap.crm",
            "custom.tier", "custom.score", "custom.vip", "custom.renewal", "custom.interests",
            "createdAt", "updatedAt", "version",
        ], columns);
    }

    [Fact]
    public void Columns_Projection_KeepsOnlyRequestedFields()
    {
        var columns = CsvListWriter.Columns(FormatTestData.ContactSchema(), [FormatTestData.Contact()],
            new HashSet<string> { "lastName", "emails", "custom.tier" });

        Assert.Equal(["id", "lastName", "email", "custom.tier"], columns);
    }

    [Fact]
    public void Write_Contact_HeaderPrimaryEmailAddressAndCustomCells()
    {
        var csv = Csv(FormatTestData.Contact());
        var header = Rows(csv)[0].Split(',');
        var contact = FormatTestData.Contact();
        string Cell(string column) => CsvListWriter.Cell(CsvListWriter.Flatten(contact, column));

        Assert.Equal("id", header[0]);
        Assert.Contains("email", header);
        Assert.Equal("ada@home.example", Cell("email"));
        Assert.Equal("", Cell("phone"));
        Assert.Equal("London", Cell("address.city"));
        Assert.Equal("gold", Cell("custom.tier"));
        Assert.Equal("42", Cell("custom.score"));
        Assert.Equal("true", Cell("custom.vip"));
        Assert.Equal("""["golf","sailing"]""", Cell("custom.interests"));
        Assert.Equal("123", Cell("externalIds.erp"));
        Assert.Equal("X-9", Cell("externalIds.sap.crm"));
        Assert.Equal("3", Cell("version"));
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Flatten_NoPrimaryFlag_UsesFirstItem()
    {
        var record = JsonNode.Parse("""{"id":"1","emails":[{"address":"a@x.io"},{"address":"b@x.io"}]}""")!.AsObject();

        Assert.Equal("a@x.io", CsvListWriter.Flatten(record, "email")!.GetValue<string>());
    }

    [Fact]
    public void Write_CommasQuotesNewlines_QuotedPerRfc4180()
    {
        var record = new JsonObject { ["id"] = "1", ["firstName"] = "Smith, Jr.", ["title"] = "The \"Boss\"", ["description"] = "a\r\nb" };
        using var w = new StringWriter();

        CsvListWriter.Write(w, ["id", "firstName", "title", "description", "lastName"], [record]);

        Assert.Equal("id,firstName,title,description,lastName\r\n1,\"Smith, Jr.\",\"The \"\"Boss\"\"\",\"a\r\nb\",\r\n", w.ToString());
    }

    [Fact]
    public void Write_FormulaText_Neutralised()
    {
        var record = new JsonObject { ["id"] = "1", ["firstName"] = "=SUM(A1)", ["lastName"] = "@cmd", ["title"] = "-x", ["version"] = -5 };
        using var w = new StringWriter();

        CsvListWriter.Write(w, ["firstName", "lastName", "title", "version"], [record]);

        Assert.Equal("'=SUM(A1),'@cmd,'-x,-5", Rows(w.ToString())[1]);
    }

    [Theory]
    [InlineData("+1 555", "'+1 555")]
    [InlineData("\tx", "'\tx")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Cell_String_DefusedWhenFormulaLike(string text, string expected) =>
        Assert.Equal(expected, CsvListWriter.Cell(JsonValue.Create(text)));

    [Fact]
    public void Cell_NegativeNumber_Unchanged() => Assert.Equal("-5", CsvListWriter.Cell(JsonValue.Create(-5)));
}
