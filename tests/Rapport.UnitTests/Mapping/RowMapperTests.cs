using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Validation;
using Rapport.Integration.Formats;
using Rapport.Integration.Mapping;

namespace Rapport.UnitTests.Mapping;

public class RowMapperTests
{
    private static MappedRow MapOne(ObjectSchema schema, string? yaml, string[] columns, params string?[] values)
    {
        var mapper = new RowMapper(schema, yaml is null ? null : ImportMapping.Parse(yaml), columns);
        return mapper.Map(MappingTestData.Row(columns, values));
    }

    private static MappedRow Contact(string[] columns, params string?[] values) => MapOne(MappingTestData.Contacts(), null, columns, values);

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual.ToJsonString()}");

    private static void AssertBody(string expected, MappedRow row)
    {
        Assert.Empty(row.Errors);
        AssertJson(expected, row.Body);
    }

    // ---- auto-mapping ----

    [Fact]
    public void AutoMap_NamesLabelsCaseAndSeparators()
    {
        var row = Contact(
            ["First Name", "last_name", "TITLE", "E-Mail", "Tier", "Kunde seit", "lifecycle-stage", "Birth Date", "custom.origin"],
            "Ada", "Lovelace", "Countess", "ada@example.com", "gold", "2020-01-31", "Customer", "1815-12-10", "fair");

        AssertBody("""
            {
              "firstName": "Ada", "lastName": "Lovelace", "title": "Countess",
              "emails": [{ "address": "ada@example.com", "primary": true }],
              "lifecycleStage": "Customer", "birthDate": "1815-12-10",
              "custom": { "tier": "gold", "since": "2020-01-31", "origin": "fair" }
            }
            """, row);
        Assert.Empty(row.Relations);
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public void AutoMap_DottedPathsIntoNestedObjects()
    {
        var row = Contact(
            ["lastName", "address.city", "Address.Postal_Code", "address.country", "marketingConsent.status", "marketingConsent.at",
             "externalIds.erp", "externalIds.sap.crm", "custom.score", "custom.interests", "custom.vip"],
            "Lovelace", "London", "SW1Y 4JH", "gb", "granted", "2026-01-31T10:30:00+01:00", "123", "X-9", "42", "golf; sailing", "yes");

        AssertBody("""
            {
              "lastName": "Lovelace",
              "address": { "city": "London", "postalCode": "SW1Y 4JH", "country": "gb" },
              "marketingConsent": { "status": "granted", "at": "2026-01-31T09:30:00.000000Z" },
              "externalIds": { "erp": "123", "sap.crm": "X-9" },
              "custom": { "score": 42, "interests": ["golf", "sailing"], "vip": true }
            }
            """, row);
    }

    [Fact]
    public void AutoMap_ObjectCellHoldingJson_MergesWithDottedColumns()
    {
        var row = Contact(["address.city", "address", "lastName"], "Paris", """{"street":"1 Rue X","city":"Lyon"}""", "Curie");

        AssertBody("""{ "lastName": "Curie", "address": { "street": "1 Rue X", "city": "Paris" } }""", row);
    }

    [Fact]
    public void AutoMap_UnknownColumns_Ignored()
    {
        var row = Contact(["lastName", "Shoe size", "account.color"], "Lovelace", "42", "red");

        AssertBody("""{ "lastName": "Lovelace" }""", row);
        Assert.Empty(row.Relations);
    }

    [Fact]
    public void AutoMap_UnmappedError_FailsUpFrontNamingTheColumns()
    {
        var e = Assert.Throws<MappingException>(() =>
            new RowMapper(MappingTestData.Contacts(), ImportMapping.Parse("unmapped: error\n"), ["lastName", "Shoe size", "Hat"]));

        Assert.Equal("These columns map to no field of contacts: \"Shoe size\", \"Hat\". Rename them to field names, map them under fields:, or set unmapped: ignore.", e.Message);
    }

    [Fact]
    public void EmptyCells_AreOmitted()
    {
        var row = Contact(["firstName", "lastName", "title", "address.city", "custom.score", "custom.vip", "email", "emails"],
            "", "Lovelace", "   ", null, "", " ", "", null);

        AssertBody("""{ "lastName": "Lovelace" }""", row);
    }

    [Fact]
    public void Cells_AreTrimmed_AndExportDefusingIsUndone()
    {
        var row = Contact(["lastName", "title", "description", "firstName"], "  Lovelace ", "'=SUM(A1)", "'-x", "'Tis");

        AssertBody("""{ "lastName": "Lovelace", "title": "=SUM(A1)", "description": "-x", "firstName": "'Tis" }""", row);
    }

    [Fact]
    public void SystemColumns_PassThrough()
    {
        var row = Contact(["ID", "Owner Id", "created_at", "updatedAt", "version", "lastName"],
            "3f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b", "0b6c9a4e-7d1f-4c2a-8e3b-5f6a7b8c9d0e", "2026-01-02T03:04:05.000000Z",
            "2026-01-03T03:04:05Z", "3", "L");

        AssertBody("""
            {
              "id": "3f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b", "ownerId": "0b6c9a4e-7d1f-4c2a-8e3b-5f6a7b8c9d0e",
              "createdAt": "2026-01-02T03:04:05.000000Z", "updatedAt": "2026-01-03T03:04:05Z", "version": 3, "lastName": "L"
            }
            """, row);
    }

    // ---- emails and phones ----

    [Fact]
    public void PrimaryColumns_EmailAndPhone_BecomePrimaryItems()
    {
        var row = Contact(["lastName", "email", "phone"], "L", "Ada@Example.com", "+49 30 1234567");

        AssertBody("""
            {
              "lastName": "L",
              "emails": [{ "address": "Ada@Example.com", "primary": true }],
              "phones": [{ "number": "+49 30 1234567", "primary": true }]
            }
            """, row);
    }

    [Fact]
    public void PhoneColumn_OnAccounts_IsTheScalarField()
    {
        var row = MapOne(MappingTestData.Schema(StandardObjects.Accounts), null, ["name", "phone"], "Acme", "+1 555 0100");

        AssertBody("""{ "name": "Acme", "phone": "+1 555 0100" }""", row);
    }

    [Fact]
    public void EmailAndEmails_Merged_PrimaryFromEmailFirstWithoutDuplicate()
    {
        var row = Contact(["lastName", "emails", "email"], "L",
            """[{"address":"b@x.io","type":"home","primary":true},{"address":"A@x.io","type":"work"}]""", "a@x.io");

        AssertBody("""
            {
              "lastName": "L",
              "emails": [{ "address": "A@x.io", "type": "work", "primary": true }, { "address": "b@x.io", "type": "home", "primary": false }]
            }
            """, row);
        RecordValidator.Validate(MappingTestData.Contacts(), row.Body, isCreate: true);
    }

    [Fact]
    public void EmailAndEmails_NewPrimary_Prepended()
    {
        var row = Contact(["lastName", "email", "emails"], "L", "new@x.io", """[{"address":"old@x.io","primary":true}]""");

        AssertBody("""
            { "lastName": "L", "emails": [{ "address": "new@x.io", "primary": true }, { "address": "old@x.io", "primary": false }] }
            """, row);
    }

    [Fact]
    public void EmailsCell_PlainList_SplitIntoItems()
    {
        var row = Contact(["lastName", "emails"], "L", "a@x.io; b@x.io");

        AssertBody("""
            { "lastName": "L", "emails": [{ "address": "a@x.io", "primary": true }, { "address": "b@x.io", "primary": false }] }
            """, row);
    }

    // ---- JSON cells ----

    [Fact]
    public void ArrayCell_Json_ParsedAndPassedThrough()
    {
        var row = MapOne(MappingTestData.Schema(StandardObjects.Opportunities), null, ["name", "lineItems"], "Deal",
            """[{"sku":"A-1","quantity":2,"unitPrice":9.5}]""");

        AssertBody("""{ "name": "Deal", "lineItems": [{ "sku": "A-1", "quantity": 2, "unitPrice": 9.5 }] }""", row);
    }

    [Fact]
    public void ArrayCell_InvalidJson_CellErrorAndRestOfBody()
    {
        var row = MapOne(MappingTestData.Schema(StandardObjects.Opportunities), null, ["name", "lineItems", "amount"], "Deal",
            """[{"sku":"A-1",""", "10");

        var error = Assert.Single(row.Errors);
        Assert.Equal("lineItems", error.Column);
        Assert.Equal("lineItems", error.Field);
        Assert.Equal("""[{"sku":"A-1",""", error.Value);
        Assert.StartsWith("is not valid JSON", error.Message, StringComparison.Ordinal);
        AssertJson("""{ "name": "Deal", "amount": 10 }""", row.Body);
    }

    [Fact]
    public void ArrayCell_NotAnArray_CellError()
    {
        var row = MapOne(MappingTestData.Schema(StandardObjects.Opportunities), null, ["lineItems"], """{"sku":"A-1"}""");

        Assert.Equal("must be a JSON array", Assert.Single(row.Errors).Message);
    }

    [Fact]
    public void MultiPicklist_JsonArrayOrSeparatedList()
    {
        Assert.Equal("""["golf","chess"]""", Contact(["custom.interests"], """["golf","chess"]""").Body["custom"]!["interests"]!.ToJsonString());
        Assert.Equal("""["golf","chess"]""", Contact(["custom.interests"], "golf, chess").Body["custom"]!["interests"]!.ToJsonString());
        Assert.Equal("""["golf","chess, sailing"]""", Contact(["custom.interests"], "golf;chess, sailing").Body["custom"]!["interests"]!.ToJsonString());
    }

    // ---- typed values ----

    [Fact]
    public void CustomFields_TypedByKind()
    {
        var row = Contact(
            ["custom.tier", "custom.score", "custom.ratio", "custom.revenue", "custom.vip", "custom.since", "custom.lastSeen", "custom.interests", "custom.origin"],
            "silver", "7", "0.25", "1234.50", "N", "2024-02-29", "2024-02-29T23:30:00-01:00", "chess", "web");

        AssertBody("""
            {
              "custom": {
                "tier": "silver", "score": 7, "ratio": 0.25, "revenue": 1234.50, "vip": false, "since": "2024-02-29",
                "lastSeen": "2024-03-01T00:30:00.000000Z", "interests": ["chess"], "origin": "web"
              }
            }
            """, row);
        Assert.Equal("1234.50", row.Body["custom"]!["revenue"]!.ToJsonString());
    }

    [Theory]
    [InlineData("12", "12")]
    [InlineData("-3", "-3")]
    [InlineData("1.0", "1")]
    [InlineData(" 42 ", "42")]
    public void Integer_Valid(string cell, string json) =>
        Assert.Equal(json, Contact(["custom.score"], cell).Body["custom"]!["score"]!.ToJsonString());

    [Theory]
    [InlineData("1.5", "must be a whole number")]
    [InlineData("abc", "must be a whole number")]
    [InlineData("1,000", "must be a whole number (with a decimal point; set number_format for decimal commas)")]
    [InlineData("99999999999999999999", "is out of range")]
    public void Integer_Invalid_CellError(string cell, string message)
    {
        var row = Contact(["lastName", "custom.score"], "L", cell);

        var error = Assert.Single(row.Errors);
        Assert.Equal(new CellError("custom.score", "custom.score", cell, message), error);
        AssertJson("""{ "lastName": "L" }""", row.Body);
    }

    [Theory]
    [InlineData("12.50", "12.50")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("1.5E3", "1500")]
    public void Decimal_Invariant(string cell, string json) =>
        Assert.Equal(json, Contact(["custom.ratio"], cell).Body["custom"]!["ratio"]!.ToJsonString());

    [Theory]
    [InlineData("€12", "must be a number")]
    [InlineData("12,5", "must be a number (with a decimal point; set number_format for decimal commas)")]
    [InlineData("1.2.3", "must be a number")]
    public void Decimal_Invalid_CellError(string cell, string message) =>
        Assert.Equal(message, Assert.Single(Contact(["custom.revenue"], cell).Errors).Message);

    [Theory]
    [InlineData("1.234.567,89", "1234567.89")]
    [InlineData("-1.234,5", "-1234.5")]
    [InlineData("1,5", "1.5")]
    [InlineData("1234", "1234")]
    [InlineData("  12,00 ", "12.00")]
    public void NumberFormat_DecimalCommaGroupDot(string cell, string json)
    {
        const string yaml = "fields:\n  custom.revenue: { column: Umsatz, number_format: { decimal: \",\", group: \".\" } }\n";

        var row = MapOne(MappingTestData.Contacts(), yaml, ["Umsatz"], cell);

        Assert.Empty(row.Errors);
        Assert.Equal(json, row.Body["custom"]!["revenue"]!.ToJsonString());
    }

    [Theory]
    [InlineData("1.234,5.6")]
    [InlineData("1,234.5")]
    [InlineData(".5")]
    [InlineData("1..234")]
    [InlineData("12 EUR")]
    public void NumberFormat_Invalid_CellError(string cell)
    {
        const string yaml = "fields:\n  custom.revenue: { column: Umsatz, number_format: { decimal: \",\", group: \".\" } }\n";

        var error = Assert.Single(MapOne(MappingTestData.Contacts(), yaml, ["Umsatz"], cell).Errors);

        Assert.Equal("Umsatz", error.Column);
        Assert.Equal("must be a number written with decimal ',' and group '.'", error.Message);
    }

    [Fact]
    public void NumberFormat_SpaceGroup_IntegerField()
    {
        const string yaml = "object: accounts\nfields:\n  employees: { column: Staff, number_format: { decimal: \",\", group: \" '\" } }\n";

        var schema = MappingTestData.Schema(StandardObjects.Accounts);

        Assert.Equal("1234567", MapOne(schema, yaml, ["Staff"], "1 234 567").Body["employees"]!.ToJsonString());
        Assert.Equal("1234", MapOne(schema, yaml, ["Staff"], "1'234").Body["employees"]!.ToJsonString());
        Assert.Equal("1234", MapOne(schema, yaml, ["Staff"], "1\u00A0234").Body["employees"]!.ToJsonString());
        Assert.Equal("must be a whole number written with decimal ',' and group ' ''", Assert.Single(MapOne(schema, yaml, ["Staff"], "12,5").Errors).Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("yes", true)]
    [InlineData("No", false)]
    [InlineData("y", true)]
    [InlineData("N", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("x", true)]
    [InlineData("X", true)]
    [InlineData("Ja", true)]
    [InlineData("nein", false)]
    [InlineData("oui", true)]
    [InlineData("NON", false)]
    public void Boolean_Lenient(string cell, bool expected) =>
        Assert.Equal(expected, Contact(["custom.vip"], cell).Body["custom"]!["vip"]!.GetValue<bool>());

    [Fact]
    public void Boolean_Invalid_CellError() =>
        Assert.Equal(new CellError("custom.vip", "custom.vip", "maybe", "must be yes or no (true/false, y/n, 1/0, x, ja/nein, oui/non)"),
            Assert.Single(Contact(["custom.vip"], "maybe").Errors));

    [Theory]
    [InlineData("1815-12-10", "1815-12-10")]
    [InlineData("2024-01-31T23:30:00-05:00", "2024-01-31")]
    [InlineData("2024-01-31T10:00:00Z", "2024-01-31")]
    public void Date_Iso(string cell, string expected) =>
        Assert.Equal(expected, Contact(["birthDate"], cell).Body["birthDate"]!.GetValue<string>());

    [Theory]
    [InlineData("31.01.2024")]
    [InlineData("2024-02-30")]
    [InlineData("2024-1-31")]
    public void Date_NotIso_CellError(string cell) =>
        Assert.Equal(new CellError("birthDate", "birthDate", cell, "must be a date in the form yyyy-MM-dd (set date_format for other forms)"),
            Assert.Single(Contact(["birthDate"], cell).Errors));

    [Theory]
    [InlineData("dd.MM.yyyy", "31.01.2024", "2024-01-31")]
    [InlineData("dd.MM.yyyy", "1.2.2024", "2024-02-01")]
    [InlineData("MM/dd/yyyy", "12/31/2023", "2023-12-31")]
    [InlineData("M/d/yyyy", "2/9/2023", "2023-02-09")]
    [InlineData("yyyyMMdd", "20240229", "2024-02-29")]
    [InlineData("dd.MM.yy", "05.03.24", "2024-03-05")]
    [InlineData("d MMM yyyy", "5 mar 2024", "2024-03-05")]
    [InlineData("dddd, MMMM d, yyyy", "Tuesday, March 5, 2024", "2024-03-05")]
    [InlineData("dd.MM.yyyy HH:mm", "05.03.2024 23:59", "2024-03-05")]
    [InlineData("'Day' dd 'of' MM/yyyy", "Day 05 of 03/2024", "2024-03-05")]
    public void DateFormat_Parsed(string pattern, string cell, string expected)
    {
        var yaml = $"fields:\n  birthDate: {{ column: Geburtstag, date_format: \"{pattern}\" }}\n";

        var row = MapOne(MappingTestData.Contacts(), yaml, ["Geburtstag"], cell);

        Assert.Empty(row.Errors);
        Assert.Equal(expected, row.Body["birthDate"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("dd.MM.yyyy", "31.02.2024")]
    [InlineData("dd.MM.yyyy", "2024-02-01")]
    [InlineData("dd.MM.yyyy", "01.02.2024 x")]
    [InlineData("MM/dd/yyyy", "31/12/2023")]
    [InlineData("yyyyMMdd", "20230229")]
    [InlineData("yyyyMMdd", "2023021")]
    public void DateFormat_InvalidDate_CellErrorNamingColumnAndValue(string pattern, string cell)
    {
        var yaml = $"fields:\n  lastName: {{ column: Name }}\n  birthDate: {{ column: Geburtstag, date_format: \"{pattern}\" }}\n";

        var row = MapOne(MappingTestData.Contacts(), yaml, ["Name", "Geburtstag"], "L", cell);

        Assert.Equal(new CellError("Geburtstag", "birthDate", cell, $"must be a date in the form {pattern}"), Assert.Single(row.Errors));
        AssertJson("""{ "lastName": "L" }""", row.Body);
    }

    [Theory]
    [InlineData("dd.MM.yyyy HH:mm", "31.01.2024 14:05", "2024-01-31T14:05:00.000000Z")]
    [InlineData("MM/dd/yyyy h:mm tt", "01/31/2024 2:05 PM", "2024-01-31T14:05:00.000000Z")]
    [InlineData("MM/dd/yyyy h:mm tt", "01/31/2024 12:05 am", "2024-01-31T00:05:00.000000Z")]
    [InlineData("yyyy-MM-dd HH:mm:ss zzz", "2024-01-31 14:05:30 +02:00", "2024-01-31T12:05:30.000000Z")]
    [InlineData("yyyyMMddHHmmss", "20240131140530", "2024-01-31T14:05:30.000000Z")]
    [InlineData("dd.MM.yyyy HH:mm:ss.fff", "31.01.2024 14:05:30.123", "2024-01-31T14:05:30.123000Z")]
    public void DateTimeFormat_ToUtcIso(string pattern, string cell, string expected)
    {
        var yaml = $"fields:\n  custom.lastSeen: {{ column: Seen, datetime_format: \"{pattern}\" }}\n";

        var row = MapOne(MappingTestData.Contacts(), yaml, ["Seen"], cell);

        Assert.Empty(row.Errors);
        Assert.Equal(expected, row.Body["custom"]!["lastSeen"]!.GetValue<string>());
    }

    [Fact]
    public void DateFormat_OnDateTimeField_MidnightUtc()
    {
        var row = MapOne(MappingTestData.Contacts(), "fields:\n  custom.lastSeen: { column: Seen, date_format: \"dd.MM.yyyy\" }\n", ["Seen"], "31.01.2024");

        Assert.Equal("2024-01-31T00:00:00.000000Z", row.Body["custom"]!["lastSeen"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2024-01-31T10:00:00Z", "2024-01-31T10:00:00.000000Z")]
    [InlineData("2024-01-31T10:00:00", "2024-01-31T10:00:00.000000Z")]
    [InlineData("2024-01-31 10:00", "2024-01-31T10:00:00.000000Z")]
    [InlineData("2024-01-31", "2024-01-31T00:00:00.000000Z")]
    [InlineData("2024-01-31T10:00:00.1234567-05:00", "2024-01-31T15:00:00.123456Z")]
    [InlineData("2024-01-31T10:00:00+0130", "2024-01-31T08:30:00.000000Z")]
    [InlineData("2026-01-02T03:04:05.000000Z", "2026-01-02T03:04:05.000000Z")]
    public void DateTime_Iso_NormalisedToUtc(string cell, string expected) =>
        Assert.Equal(expected, Contact(["custom.lastSeen"], cell).Body["custom"]!["lastSeen"]!.GetValue<string>());

    [Theory]
    [InlineData("31.01.2024 10:00")]
    [InlineData("2024-01-31T25:00:00Z")]
    [InlineData("2024-01-31T10:00:00+")]
    [InlineData("yesterday")]
    public void DateTime_Invalid_CellError(string cell) =>
        Assert.StartsWith("must be an ISO 8601 date-time", Assert.Single(Contact(["custom.lastSeen"], cell).Errors).Message, StringComparison.Ordinal);

    // ---- relations ----

    [Fact]
    public void Relations_ContactsAccountByDomainAndExternalId_FirstNonEmptyWins()
    {
        var row = Contact(["lastName", "account.domain", "Account.ExternalIds.erp", "owner.email"], "L", "acme.com", "A-7", "boss@acme.com");

        AssertBody("""{ "lastName": "L" }""", row);
        Assert.Equal(new RelationKey("accountId", "accounts", "domain", "acme.com", "account.domain"), row.Relations["accountId"]);
        Assert.Equal(new RelationKey("ownerId", "users", "email", "boss@acme.com", "owner.email"), row.Relations["ownerId"]);
        Assert.Equal(2, row.Relations.Count);

        var second = Contact(["lastName", "account.domain", "account.externalIds.erp"], "L", "", "A-7");
        Assert.Equal(new RelationKey("accountId", "accounts", "externalIds.erp", "A-7", "account.externalIds.erp"), second.Relations["accountId"]);
    }

    [Fact]
    public void Relations_Cases_ContactByEmailAccountByName()
    {
        var row = MapOne(MappingTestData.Schema(StandardObjects.Cases), null, ["subject", "contact.email", "account.name", "account.id"],
            "Broken", "ada@x.io", "Acme", "");

        AssertBody("""{ "subject": "Broken" }""", row);
        Assert.Equal(new RelationKey("contactId", "contacts", "email", "ada@x.io", "contact.email"), row.Relations["contactId"]);
        Assert.Equal(new RelationKey("accountId", "accounts", "name", "Acme", "account.name"), row.Relations["accountId"]);
    }

    [Fact]
    public void Relations_Orders_FromTheCatalogueReferences()
    {
        var row = MapOne(MappingTestData.Schema(StandardObjects.Orders), null, ["number", "opportunity.name", "account.externalIds.sap.crm", "account.id"],
            "O-1", "Big deal", "S-1", "3f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b");

        Assert.Equal(new RelationKey("opportunityId", "opportunities", "name", "Big deal", "opportunity.name"), row.Relations["opportunityId"]);
        Assert.Equal(new RelationKey("accountId", "accounts", "externalIds.sap.crm", "S-1", "account.externalIds.sap.crm"), row.Relations["accountId"]);
    }

    [Fact]
    public void Relations_ActivitiesContactByEmail_SetsRelatedObject()
    {
        var row = MapOne(MappingTestData.Schema(StandardObjects.Activities), null, ["type", "subject", "contact.email"], "call", "Hi", "ada@x.io");

        AssertBody("""{ "type": "call", "subject": "Hi", "relatedObject": "contacts" }""", row);
        Assert.Equal(new RelationKey("relatedId", "contacts", "email", "ada@x.io", "contact.email"), row.Relations["relatedId"]);
    }

    [Fact]
    public void Relations_ActivitiesRelatedObjectDisagrees_CellError()
    {
        var row = MapOne(MappingTestData.Schema(StandardObjects.Activities), null, ["relatedObject", "contact.email"], "accounts", "ada@x.io");

        Assert.Equal(new CellError("contact.email", "contact.email", "ada@x.io", "refers to contacts but relatedObject is accounts"), Assert.Single(row.Errors));
    }

    [Fact]
    public void Relations_FromMappingWithTransforms()
    {
        const string yaml = "fields:\n  lastName: { column: Name }\n  account.name: { column: Company, transform: [trim, upper] }\n";

        var row = MapOne(MappingTestData.Contacts(), yaml, ["Name", "Company"], "L", " acme ");

        Assert.Equal(new RelationKey("accountId", "accounts", "name", "ACME", "Company"), row.Relations["accountId"]);
    }

    // ---- mappings ----

    private const string DocsExample = """
        object: contacts
        match_on: email
        on_duplicate: update
        unmapped: error
        fields:
          firstName:    { column: "Full Name", split_name: first }
          lastName:     { column: "Full Name", split_name: last }
          email:        { column: "E-Mail", transform: [trim, lower] }
          phone:        { column: Telefon, strip: " /-" }
          title:        { column: Position, transform: [trim, title_case], default: "Unknown" }
          account.name: { column: Company }
          address.city: { column: Ort, transform: [collapse_spaces] }
          address.country: { column: Land, map: { Deutschland: DE, "Österreich": AT, Schweiz: CH }, map_default: DE }
          lifecycleStage: { column: Status, map: { "Y": customer, "N": lead }, map_default: other }
          marketingConsent.status: { column: "Opt in", map: { "Y": granted, "N": denied, "": unknown } }
          birthDate:    { column: Geburtstag, date_format: "dd.MM.yyyy" }
          description:  { columns: [Note1, Note2], join: " / " }
          externalIds.legacy: { column: Ref, regex: "REF-(\\d+)" }
          custom.since: { column: "Kunde seit", date_format: "dd.MM.yyyy" }
          custom.revenue: { column: Umsatz, number_format: { decimal: ",", group: "." } }
          custom.vip:   { column: VIP, map: { "J": true }, map_default: false }
          custom.origin: { value: "migration" }
        """;

    private static readonly string[] DocsColumns =
        ["Full Name", "E-Mail", "Telefon", "Position", "Company", "Ort", "Land", "Status", "Opt in", "Geburtstag", "Note1", "Note2", "Ref", "Kunde seit", "Umsatz", "VIP"];

    [Fact]
    public void Mapping_DocsExample_BuildsTheBody()
    {
        var row = MapOne(MappingTestData.Contacts(), DocsExample, DocsColumns,
            "Ludwig Mies van der Rohe", " Mies@Bauhaus.DE ", "030 / 123-456", "  chief ARCHITECT ", "Bauhaus GmbH", "  Bad   Tölz ",
            "Österreich", "y", "", "27.03.1886", "first note", "second note", "old REF-0042", "01.04.2001", "1.234.567,89", "n");

        AssertBody("""
            {
              "firstName": "Ludwig Mies", "lastName": "van der Rohe",
              "emails": [{ "address": "mies@bauhaus.de", "primary": true }],
              "phones": [{ "number": "030123456", "primary": true }],
              "title": "Chief Architect",
              "address": { "city": "Bad Tölz", "country": "AT" },
              "lifecycleStage": "customer",
              "marketingConsent": { "status": "unknown" },
              "birthDate": "1886-03-27",
              "description": "first note / second note",
              "externalIds": { "legacy": "0042" },
              "custom": { "since": "2001-04-01", "revenue": 1234567.89, "vip": false, "origin": "migration" }
            }
            """, row);
        Assert.Equal(new RelationKey("accountId", "accounts", "name", "Bauhaus GmbH", "Company"), Assert.Single(row.Relations).Value);
        RecordValidator.Validate(MappingTestData.Contacts(), row.Body, isCreate: true);
    }

    [Fact]
    public void Mapping_DefaultsAndMapDefault_WhenCellsEmptyOrUnknown()
    {
        var row = MapOne(MappingTestData.Contacts(), DocsExample, DocsColumns,
            "Cher", null, null, "", null, null, "Narnia", "maybe", "Y", null, null, "only two", "nothing", null, null, "J");

        AssertBody("""
            {
              "lastName": "Cher", "title": "Unknown",
              "address": { "country": "DE" }, "lifecycleStage": "other", "marketingConsent": { "status": "granted" },
              "description": "only two",
              "custom": { "vip": true, "origin": "migration" }
            }
            """, row);
    }

    [Fact]
    public void Mapping_MapWithoutDefault_UnmatchedPassesThrough()
    {
        const string yaml = "fields:\n  lifecycleStage: { column: S, map: { \"K\": customer } }\n";

        Assert.Equal("customer", MapOne(MappingTestData.Contacts(), yaml, ["S"], "k").Body["lifecycleStage"]!.GetValue<string>());
        Assert.Equal("lead", MapOne(MappingTestData.Contacts(), yaml, ["S"], "lead").Body["lifecycleStage"]!.GetValue<string>());
    }

    [Fact]
    public void Mapping_CellErrorAfterTransform_ShowsBothValues()
    {
        const string yaml = "fields:\n  custom.score: { column: S, regex: \"#(.+)\" }\n";

        var error = Assert.Single(MapOne(MappingTestData.Contacts(), yaml, ["S"], "#x1").Errors);

        Assert.Equal(new CellError("S", "custom.score", "#x1", "must be a whole number (after the mapping: \"x1\")"), error);
    }

    [Fact]
    public void Mapping_ColumnMissingFromFile_FailsUpFront()
    {
        var e = Assert.Throws<MappingException>(() =>
            new RowMapper(MappingTestData.Contacts(), ImportMapping.Parse("fields:\n  lastName: { column: Name }\n  email: { column: \"E-Mail\" }\n"), ["Name", "Mail"]));

        Assert.Equal("Mapping field 'email' (line 3): column \"E-Mail\" is not in the file (its columns: \"Name\", \"Mail\").", e.Message);
        Assert.Equal(3, e.Line);
        Assert.Equal("email", e.Field);
    }

    [Fact]
    public void Mapping_ColumnNamesMatchIgnoringCase()
    {
        var row = MapOne(MappingTestData.Contacts(), "fields:\n  lastName: { column: \"NAME\" }\n", ["name "], "L");

        AssertBody("""{ "lastName": "L" }""", row);
    }

    [Fact]
    public void Mapping_WithFields_UnmentionedColumnsIgnoredOrRefused()
    {
        var columns = new[] { "Name", "lastName", "Extra" };
        var row = MapOne(MappingTestData.Contacts(), "fields:\n  lastName: { column: Name }\n", columns, "From Name", "ignored", "x");
        AssertBody("""{ "lastName": "From Name" }""", row);

        var e = Assert.Throws<MappingException>(() =>
            new RowMapper(MappingTestData.Contacts(), ImportMapping.Parse("unmapped: error\nfields:\n  lastName: { column: Name }\n"), columns));
        Assert.Equal("These columns map to no field of contacts: \"lastName\", \"Extra\". Add them under fields: or set unmapped: ignore.", e.Message);
    }

    // ---- varying columns ----

    [Fact]
    public void Rows_WithTheirOwnColumns_EachMapped()
    {
        var mapper = new RowMapper(MappingTestData.Contacts(), null, []);

        var a = mapper.Map(MappingTestData.Row(["lastName", "address.city"], "A", "Berlin"));
        var b = mapper.Map(MappingTestData.Row(["lastName", "custom.score", "email"], "B", "5", "b@x.io"));
        var c = mapper.Map(MappingTestData.Row(new List<string> { "lastName", "address.city" }, "C", "Rome"));

        AssertBody("""{ "lastName": "A", "address": { "city": "Berlin" } }""", a);
        AssertBody("""{ "lastName": "B", "custom": { "score": 5 }, "emails": [{ "address": "b@x.io", "primary": true }] }""", b);
        AssertBody("""{ "lastName": "C", "address": { "city": "Rome" } }""", c);
    }

    [Fact]
    public void Rows_WithTheirOwnColumns_MappingDefaultsApplyWhenColumnAbsent()
    {
        var mapper = new RowMapper(MappingTestData.Contacts(),
            ImportMapping.Parse("fields:\n  lastName: { column: name }\n  title: { column: role, default: Staff }\n"), []);

        AssertBody("""{ "lastName": "A", "title": "Boss" }""", mapper.Map(MappingTestData.Row(["name", "role"], "A", "Boss")));
        AssertBody("""{ "lastName": "B", "title": "Staff" }""", mapper.Map(MappingTestData.Row(["name"], "B")));
    }

    [Fact]
    public void Rows_WithNewUnmappedColumn_UnderUnmappedError_Throw()
    {
        var mapper = new RowMapper(MappingTestData.Contacts(), ImportMapping.Parse("unmapped: error\n"), []);
        mapper.Map(MappingTestData.Row(["lastName"], "A"));

        Assert.Throws<MappingException>(() => mapper.Map(MappingTestData.Row(["lastName", "Hat"], "A", "x")));
    }

    [Fact]
    public void RaggedRow_MissingValues_Omitted()
    {
        var row = Contact(["lastName", "title", "firstName"], "L");

        AssertBody("""{ "lastName": "L" }""", row);
        Assert.Single(row.Original);
    }

    // ---- round trip ----

    [Fact]
    public void Export_ImportsBackUnchanged()
    {
        var schema = MappingTestData.Contacts();
        var record = JsonNode.Parse("""
            {
              "id": "3f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b",
              "firstName": "Ada",
              "lastName": "Lovelace",
              "title": "-x",
              "emails": [{ "address": "ada@home.example", "primary": true }],
              "phones": [{ "number": "+442071234567", "primary": true }],
              "accountId": "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
              "address": { "street": "12 St James's Square", "line2": null, "city": "London", "postalCode": "SW1Y 4JH", "region": null, "country": "GB" },
              "lifecycleStage": "customer",
              "marketingConsent": { "status": "granted", "at": "2025-11-30T08:15:00.250000Z", "method": "webForm", "source": "=cmd" },
              "birthDate": "1815-12-10",
              "description": "Line one\r\nLine two, with \"quotes\" & <tags>",
              "ownerId": "0b6c9a4e-7d1f-4c2a-8e3b-5f6a7b8c9d0e",
              "externalIds": { "erp": "123", "sap.crm": "X-9" },
              "custom": {
                "tier": "gold", "score": 42, "ratio": 0.125, "revenue": 1234.5, "vip": false, "since": "2026-01-31",
                "lastSeen": "2026-02-01T10:00:00.000000Z", "interests": ["golf", "sailing"], "origin": "@home"
              },
              "createdAt": "2026-01-02T03:04:05.000000Z",
              "updatedAt": "2026-01-03T03:04:05.000000Z",
              "version": 3
            }
            """)!.AsObject();
        var columns = CsvListWriter.Columns(schema, [record], null);
        var values = columns.Select(c => CsvListWriter.Cell(CsvListWriter.Flatten(record, c))).ToArray<string?>();

        var row = new RowMapper(schema, null, columns).Map(new SourceRow { Line = 2, Columns = columns, Values = values });

        Assert.Empty(row.Errors);
        Assert.Empty(row.Relations);
        Assert.Contains("'-x", values);
        var expected = record.DeepClone().AsObject();
        expected["address"]!.AsObject().Remove("line2");
        expected["address"]!.AsObject().Remove("region");
        AssertJson(expected.ToJsonString(), row.Body);
        var validated = RecordValidator.Validate(schema, row.Body, isCreate: false);
        Assert.Equal("ada@home.example", validated.Derived["email"]);
    }
}
