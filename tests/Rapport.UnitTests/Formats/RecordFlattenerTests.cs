using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Domain.Validation;
using Rapport.Integration.Formats;
using Record = Rapport.Domain.Records.Record;

namespace Rapport.UnitTests.Formats;

/// <summary>Export rows straight from stored records must read exactly like the REST CSV list built from the JSON form.</summary>
public sealed class RecordFlattenerTests
{
    private static readonly ObjectSchema Contacts = new(StandardObjects.Contacts,
    [
        CustomFieldTypes.ToField("tier", "Tier", "picklist", false, false, ["gold", "silver"], null, null),
        CustomFieldTypes.ToField("score", "Score", "decimal", false, false, null, null, null),
        CustomFieldTypes.ToField("vip", "VIP", "boolean", false, false, null, null, null),
    ]);

    private static Record Store(ObjectSchema schema, string json)
    {
        var validated = RecordValidator.Validate(schema, JsonNode.Parse(json)!.AsObject(), isCreate: true);
        var record = new Record
        {
            Id = Guid.Parse("01920000-0000-7000-8000-00000000abcd"),
            CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc),
            Version = 3,
            OwnerId = Guid.Parse("00000000-0000-7000-8000-000000000001"),
            Values = new object?[schema.Definition.Fields.Count],
        };
        validated.CopyTo(record);
        return record;
    }

    [Theory]
    [InlineData("""{"firstName":"Ada","lastName":"Lovelace","title":"=1+1","emails":[{"address":"x@example.com","type":"home"},{"address":"Ada@Example.com","type":"work","primary":true}],"phones":[{"number":"+442071234567","type":"work","primary":true}],"address":{"street":"1 \"Main\" St","city":"London","country":"GB"},"lifecycleStage":"customer","birthDate":"1985-12-10","marketingConsent":{"status":"granted","at":"2026-01-01T10:00:00Z","method":"webForm"},"externalIds":{"erp":"C-1","crm":"x"},"custom":{"tier":"gold","score":12.50,"vip":true}}""")]
    [InlineData("""{"lastName":"Minimal"}""")]
    [InlineData("""{"lastName":"NoPrimary","emails":[{"address":"first@example.com","type":"work"}]}""")]
    public void Fill_Contact_GivesTheCellsOfTheJsonForm(string json)
    {
        var record = Store(Contacts, json);
        var node = RecordJsonWriter.ToNode(Contacts, record);
        var columns = CsvListWriter.Columns(Contacts, [node], null);
        var cells = new string?[columns.Count];

        new RecordFlattener(Contacts, columns).Fill(record, cells);

        for (var i = 0; i < columns.Count; i++)
        {
            var expected = CsvListWriter.Flatten(node, columns[i]) switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
                JsonValue v => v.ToJsonString(),
                var other => other.ToJsonString(RecordJson.Options),
            };
            Assert.True(expected == cells[i], $"{columns[i]}: expected '{expected}', got '{cells[i]}'");
        }
        Assert.Contains("email", columns);
    }

    [Fact]
    public void Fill_Account_ReadsPlainPhoneAndNestedAddresses()
    {
        var accounts = new ObjectSchema(StandardObjects.Accounts, []);
        var record = Store(accounts, """{"name":"Acme","phone":"+493012345678","annualRevenue":1250000.50,"currency":"EUR","employees":42,"billingAddress":{"city":"Berlin","country":"DE"}}""");
        var columns = new[] { "name", "phone", "annualRevenue", "employees", "billingAddress.city", "shippingAddress.city", "version" };
        var cells = new string?[columns.Length];

        new RecordFlattener(accounts, columns).Fill(record, cells);

        Assert.Equal(new string?[] { "Acme", "+493012345678", "1250000.5", "42", "Berlin", null, "3" }, cells);
    }
}
