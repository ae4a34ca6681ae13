using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Validation;
using static Rapport.UnitTests.Validation.ValidationTestHelpers;

namespace Rapport.UnitTests.Validation;

/// <summary>Custom fields (contract §3, <c>/metadata/fields</c>) on contacts, checked through <see cref="RecordValidator"/>.</summary>
public class CustomFieldValidationTests
{
    private const string PartnerId = "0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";

    private static readonly ObjectSchema Schema = Contacts(
        Custom("seats", "number"),
        Custom("ratio", "decimal"),
        Custom("budget", "currency"),
        Custom("vip", "boolean"),
        Custom("renewal", "date"),
        Custom("lastSeen", "datetime"),
        Custom("tier", "picklist", ["gold", "silver", "bronzeElite"]),
        Custom("interests", "multipicklist", ["golf", "sailing", "chess"]),
        Custom("partner", "lookup", ["accounts"]),
        Custom("code", "text", pattern: "^[A-Z]{3}-[0-9]{4}$"),
        Custom("notes", "text"),
        Custom("backupEmail", "email"),
        Custom("fax", "phone"),
        Custom("homepage", "url"));

    private static JsonObject Ok(string custom) =>
        Valid(Schema, """{"lastName":"L","custom":""" + custom + "}").CustomValues();

    private static IReadOnlyDictionary<string, string[]> Bad(string custom) =>
        Errors(Schema, """{"lastName":"L","custom":""" + custom + "}");

    [Fact]
    public void Validate_UnknownCustomField_ErrorKeyedByCustomPath()
    {
        var errors = Bad("""{"nope":1}""");
        Assert.Equal(["custom.nope"], errors.Keys);
        Assert.Equal(["is not a defined custom field of contacts"], errors["custom.nope"]);
    }

    [Fact]
    public void Validate_CustomFieldAtTopLevel_IsAnUnknownField()
    {
        var errors = Errors(Schema, """{"lastName":"L","seats":3}""");
        Assert.Equal(["seats"], errors.Keys);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("\"tier\"")]
    [InlineData("[1]")]
    public void Validate_CustomNotAnObject_Rejected(string json)
    {
        var errors = Bad(json);
        Assert.Equal(["custom"], errors.Keys);
    }

    [Fact]
    public void Validate_NoCustomValues_StoresEmptyObject() =>
        Assert.Empty(Ok("{}"));

    [Fact]
    public void Validate_NullCustomValue_IsDropped() =>
        Assert.Empty(Ok("""{"seats":null,"notes":"  "}"""));

    // ---- number (whole), decimal, currency ----

    [Theory]
    [InlineData("12", 12L)]
    [InlineData("0", 0L)]
    [InlineData("-3", -3L)]
    [InlineData("7.0", 7L)]
    public void Validate_CustomNumber_StoresWholeNumber(string json, long expected) =>
        Assert.Equal(expected, Ok($$"""{"seats":{{json}}}""")["seats"]!.GetValue<long>());

    [Theory]
    [InlineData("1.5", "must be a whole number")]
    [InlineData("\"12\"", "must be a whole number")]
    [InlineData("true", "must be a whole number")]
    [InlineData("99999999999999999999", "is out of range")]
    public void Validate_CustomNumberInvalid_Rejected(string json, string message) =>
        Assert.Equal([message], Bad($$"""{"seats":{{json}}}""")["custom.seats"]);

    [Theory]
    [InlineData("0.25", "0.25")]
    [InlineData("\"0.25\"", "0.25")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("3", "3")]
    public void Validate_CustomDecimal_StoresNumber(string json, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Ok($$"""{"ratio":{{json}}}""")["ratio"]!.GetValue<decimal>());

    [Theory]
    [InlineData("true")]
    [InlineData("\"a lot\"")]
    [InlineData("\"1,5\"")]
    [InlineData("{}")]
    public void Validate_CustomDecimalInvalid_Rejected(string json) =>
        Assert.Equal(["must be a number"], Bad($$"""{"ratio":{{json}}}""")["custom.ratio"]);

    [Fact]
    public void Validate_CustomCurrencyWithMoreThanSixDecimals_Rejected() =>
        Assert.Equal(["must have at most 6 decimal places"], Bad("""{"budget":1.1234567}""")["custom.budget"]);

    [Fact]
    public void Validate_CustomCurrency_StoresAmount() =>
        Assert.Equal(1999.99m, Ok("""{"budget":"1999.99"}""")["budget"]!.GetValue<decimal>());

    // ---- boolean, date, datetime ----

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Validate_CustomBoolean_StoresBoolean(string json, bool expected) =>
        Assert.Equal(expected, Ok($$"""{"vip":{{json}}}""")["vip"]!.GetValue<bool>());

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    public void Validate_CustomBooleanNotJsonBoolean_Rejected(string json) =>
        Assert.Equal(["must be true or false"], Bad($$"""{"vip":{{json}}}""")["custom.vip"]);

    [Fact]
    public void Validate_CustomDate_StoresIsoDate() =>
        Assert.Equal("2026-03-01", Ok("""{"renewal":"2026-03-01"}""")["renewal"]!.GetValue<string>());

    [Theory]
    [InlineData("\"2026-13-01\"")]
    [InlineData("\"01/03/2026\"")]
    [InlineData("20260301")]
    public void Validate_CustomDateInvalid_Rejected(string json) =>
        Assert.Equal(["custom.renewal"], Bad($$"""{"renewal":{{json}}}""").Keys);

    [Fact]
    public void Validate_CustomDateTime_StoresUtcMicroseconds() =>
        Assert.Equal("2026-03-01T08:00:00.500000Z", Ok("""{"lastSeen":"2026-03-01T09:00:00.5+01:00"}""")["lastSeen"]!.GetValue<string>());

    [Fact]
    public void Validate_CustomDateTimeWithoutOffset_Rejected() =>
        Assert.Equal(["custom.lastSeen"], Bad("""{"lastSeen":"2026-03-01T09:00:00"}""").Keys);

    // ---- picklist, multipicklist ----

    [Theory]
    [InlineData("gold", "gold")]
    [InlineData("GOLD", "gold")]
    [InlineData("bronzeelite", "bronzeElite")]
    public void Validate_CustomPicklist_StoresCanonicalOption(string input, string expected) =>
        Assert.Equal(expected, Ok($$"""{"tier":"{{input}}"}""")["tier"]!.GetValue<string>());

    [Fact]
    public void Validate_CustomPicklistNotAnOption_ErrorListsOptions() =>
        Assert.Equal(["must be one of: gold, silver, bronzeElite"], Bad("""{"tier":"platinum"}""")["custom.tier"]);

    [Fact]
    public void Validate_CustomMultiPicklist_CanonicalAndDeduplicated()
    {
        var values = Ok("""{"interests":["Golf","sailing","golf"]}""")["interests"]!.AsArray();
        Assert.Equal(["golf", "sailing"], values.Select(v => v!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""["golf","poker"]""")]
    [InlineData("""["golf",3]""")]
    [InlineData("\"golf\"")]
    public void Validate_CustomMultiPicklistInvalid_Rejected(string json) =>
        Assert.Equal(["custom.interests"], Bad($$"""{"interests":{{json}}}""").Keys);

    [Fact]
    public void Validate_CustomMultiPicklistValueNotAnOption_ErrorListsOptions() =>
        Assert.Equal(["values must be among: golf, sailing, chess"], Bad("""{"interests":["poker"]}""")["custom.interests"]);

    [Fact]
    public void Validate_CustomMultiPicklistEmpty_StoresNoValue() =>
        Assert.False(Ok("""{"interests":[]}""").ContainsKey("interests"));

    // ---- lookup ----

    [Fact]
    public void Validate_CustomLookup_ReportedAsReferenceToTargetObject()
    {
        var record = Valid(Schema, $$$"""{"lastName":"L","custom":{"partner":"{{{PartnerId}}}"}}""");
        Assert.Equal(PartnerId, record.CustomValues()["partner"]!.GetValue<string>());
        Assert.Equal([new ReferenceCheck("custom.partner", "accounts", Guid.Parse(PartnerId))], record.References);
    }

    [Theory]
    [InlineData("\"acme\"")]
    [InlineData("42")]
    public void Validate_CustomLookupNotAUuid_Rejected(string json) =>
        Assert.Equal(["custom.partner"], Bad($$"""{"partner":{{json}}}""").Keys);

    // ---- text, pattern, formats ----

    [Fact]
    public void Validate_CustomTextMatchingPattern_IsAccepted() =>
        Assert.Equal("ABC-1234", Ok("""{"code":" ABC-1234 "}""")["code"]!.GetValue<string>());

    [Theory]
    [InlineData("abc-1234")]
    [InlineData("ABC1234")]
    [InlineData("ABC-12345")]
    public void Validate_CustomTextNotMatchingPattern_Rejected(string input) =>
        Assert.Equal(["must match the pattern ^[A-Z]{3}-[0-9]{4}$"], Bad($$"""{"code":"{{input}}"}""")["custom.code"]);

    [Fact]
    public void Validate_CustomTextOver4000Characters_Rejected() =>
        Assert.Equal(["must be at most 4000 characters"], Bad($$"""{"notes":"{{new string('n', 4001)}}"}""")["custom.notes"]);

    [Fact]
    public void Validate_CustomTextOf4000Characters_IsAccepted() =>
        Assert.Equal(4000, Ok($$"""{"notes":"{{new string('n', 4000)}}"}""")["notes"]!.GetValue<string>().Length);

    [Fact]
    public void Validate_CustomEmailPhoneUrl_AreNormalised()
    {
        var values = Ok("""{"backupEmail":"Ada@Example.COM","fax":"0049 30 1234567","homepage":"example.com"}""");
        Assert.Equal("Ada@example.com", values["backupEmail"]!.GetValue<string>());
        Assert.Equal("+49301234567", values["fax"]!.GetValue<string>());
        Assert.Equal("https://example.com", values["homepage"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("backupEmail", "ada@", "custom.backupEmail")]
    [InlineData("fax", "fax me", "custom.fax")]
    [InlineData("homepage", "ftp://example.com", "custom.homepage")]
    public void Validate_CustomEmailPhoneUrlInvalid_ErrorKeyedByCustomPath(string field, string input, string path) =>
        Assert.Equal([path], Bad($$"""{"{{field}}":"{{input}}"}""").Keys);

    // ---- required, default, unique ----

    private static readonly ObjectSchema RequiredRegion = Contacts(Custom("region", "text", required: true));

    [Fact]
    public void Validate_RequiredCustomFieldMissingOnCreate_Rejected()
    {
        var errors = Errors(RequiredRegion, """{"lastName":"L"}""");
        Assert.Equal(["custom.region"], errors.Keys);
        Assert.Equal(["is required"], errors["custom.region"]);
    }

    [Fact]
    public void Validate_RequiredCustomFieldGivenOnCreate_Stored() =>
        Assert.Equal("EMEA", Valid(RequiredRegion, """{"lastName":"L","custom":{"region":"EMEA"}}""").CustomValues()["region"]!.GetValue<string>());

    [Fact]
    public void Validate_RequiredCustomFieldAbsentOnUpdateOfOtherField_Allowed()
    {
        var record = Valid(RequiredRegion, """{"lastName":"Byron"}""", isCreate: false, patch: """{"lastName":"Byron"}""");
        Assert.Equal("{}", record.CustomJson);
    }

    [Fact]
    public void Validate_RequiredCustomFieldClearedByPatch_Rejected()
    {
        var errors = Errors(RequiredRegion, """{"lastName":"L","custom":{}}""", isCreate: false, patch: """{"custom":{"region":null}}""");
        Assert.Equal(["is required"], errors["custom.region"]);
    }

    /// <summary>A merge patch <c>{"custom":null}</c> clears every custom value, the required one included.</summary>
    [Fact]
    public void Validate_RequiredCustomFieldClearedByNullingWholeCustomObject_Rejected()
    {
        var errors = Errors(RequiredRegion, """{"lastName":"L"}""", isCreate: false, patch: """{"custom":null}""");
        Assert.Equal(["is required"], errors["custom.region"]);
    }

    private static readonly ObjectSchema WithDefault = Contacts(
        Custom("source", "picklist", ["web", "event"], defaultValue: JsonNode.Parse("\"web\"")),
        Custom("seats", "number", defaultValue: JsonNode.Parse("1")));

    [Fact]
    public void Validate_CustomDefaultOnCreate_Applied()
    {
        var values = Valid(WithDefault, """{"lastName":"L"}""").CustomValues();
        Assert.Equal("web", values["source"]!.GetValue<string>());
        Assert.Equal(1L, values["seats"]!.GetValue<long>());
    }

    [Fact]
    public void Validate_CustomDefaultOnCreate_ExplicitValueWins() =>
        Assert.Equal("event", Valid(WithDefault, """{"lastName":"L","custom":{"source":"Event"}}""").CustomValues()["source"]!.GetValue<string>());

    [Fact]
    public void Validate_CustomDefaultOnUpdate_NotApplied() =>
        Assert.Equal("{}", Valid(WithDefault, """{"lastName":"L"}""", isCreate: false).CustomJson);

    [Fact]
    public void Validate_UniqueCustomField_ReportsCanonicalValue()
    {
        var schema = Contacts(Custom("badge", "text", unique: true), Custom("employeeNo", "number", unique: true));
        var record = Valid(schema, """{"lastName":"L","custom":{"badge":" B-7 ","employeeNo":42}}""");
        Assert.Equal(new Dictionary<string, string> { ["badge"] = "B-7", ["employeeNo"] = "42" }, record.UniqueCustomValues);
    }
}
