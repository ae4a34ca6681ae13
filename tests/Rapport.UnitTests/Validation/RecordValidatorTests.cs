using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Validation;
using static Rapport.UnitTests.Validation.ValidationTestHelpers;

namespace Rapport.UnitTests.Validation;

/// <summary>Standard fields of the standard objects, checked through <see cref="RecordValidator"/>.</summary>
public class RecordValidatorTests
{
    private static readonly ObjectDef C = StandardObjects.Contacts;
    private const string AccountId = "0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    private const string OtherId = "0190a3c4-5e6f-7a8b-9c0d-aaaaaaaaaaaa";

    [Fact]
    public void Validate_MinimalContact_ReturnsTypedValues()
    {
        var record = Valid(Contacts(), """{"firstName":" Ada ","lastName":"Lovelace"}""");
        Assert.Equal("Ada", record.Value(C, "firstName"));
        Assert.Equal("Lovelace", record.Value(C, "lastName"));
        Assert.Null(record.Value(C, "title"));
        Assert.Empty(record.References);
        Assert.Empty(record.ExternalIds);
        Assert.Equal("{}", record.CustomJson);
    }

    // ---- unknown fields and types ----

    [Fact]
    public void Validate_UnknownField_ErrorKeyedByFieldName()
    {
        var errors = Errors(Contacts(), """{"lastName":"Lovelace","nickname":"Ada"}""");
        Assert.Equal(["nickname"], errors.Keys);
        Assert.Contains("contacts", errors["nickname"][0]);
    }

    [Fact]
    public void Validate_UnknownNestedField_ErrorKeyedByPath()
    {
        var errors = Errors(Contacts(), """{"lastName":"L","address":{"city":"Berlin","planet":"Earth"}}""");
        Assert.Equal(["address.planet"], errors.Keys);
    }

    [Theory]
    [InlineData("contacts", """{"lastName":"L","firstName":5}""", "firstName", "must be a string")]
    [InlineData("contacts", """{"lastName":"L","firstName":true}""", "firstName", "must be a string")]
    [InlineData("contacts", """{"lastName":"L","firstName":{"given":"Ada"}}""", "firstName", "must be a string")]
    [InlineData("contacts", """{"lastName":"L","firstName":["Ada"]}""", "firstName", "must be a string")]
    [InlineData("contacts", """{"lastName":"L","birthDate":18151210}""", "birthDate", "must be a string")]
    [InlineData("contacts", """{"lastName":"L","address":"Berlin"}""", "address", "must be an object")]
    [InlineData("contacts", """{"lastName":"L","address":{"city":7}}""", "address.city", "must be a string")]
    [InlineData("contacts", """{"lastName":"L","emails":"ada@example.com"}""", "emails", "must be an array")]
    [InlineData("contacts", """{"lastName":"L","emails":["ada@example.com"]}""", "emails[0]", "must be an object")]
    [InlineData("contacts", """{"lastName":"L","emails":[{"address":"a@example.com","primary":"yes"}]}""", "emails[0].primary", "must be true or false")]
    [InlineData("accounts", """{"name":"Acme","employees":"12"}""", "employees", "must be a whole number")]
    [InlineData("accounts", """{"name":"Acme","employees":12.5}""", "employees", "must be a whole number")]
    [InlineData("accounts", """{"name":"Acme","employees":{"count":12}}""", "employees", "must be a whole number")]
    [InlineData("accounts", """{"name":"Acme","currency":"EUR","annualRevenue":true}""", "annualRevenue", "must be a number")]
    [InlineData("accounts", """{"name":"Acme","currency":"EUR","annualRevenue":"lots"}""", "annualRevenue", "must be a number")]
    [InlineData("accounts", """{"name":"Acme","currency":"EUR","annualRevenue":[1]}""", "annualRevenue", "must be a number")]
    [InlineData("products", """{"name":"Widget","sku":"W-1","active":"true"}""", "active", "must be true or false")]
    public void Validate_WrongJsonType_ErrorKeyedByPath(string objectName, string json, string path, string message)
    {
        var errors = Errors(Schema(StandardObjects.Find(objectName)!), json);
        Assert.Equal([path], errors.Keys);
        Assert.Equal([message], errors[path]);
    }

    [Fact]
    public void Validate_WholeNumberForInteger_StoresLong()
    {
        var record = Valid(Schema(StandardObjects.Accounts), """{"name":"Acme","employees":250}""");
        Assert.Equal(250L, record.Value(StandardObjects.Accounts, "employees"));
    }

    [Fact]
    public void Validate_NegativeIntegerBelowMinimum_Rejected()
    {
        var errors = Errors(Schema(StandardObjects.Accounts), """{"name":"Acme","employees":-1}""");
        Assert.Equal(["must be at least 0"], errors["employees"]);
    }

    [Theory]
    [InlineData("1250.50", "1250.5")]
    [InlineData("\"1250.50\"", "1250.5")]
    [InlineData("0", "0")]
    public void Validate_MoneyAsNumberOrString_StoresDecimal(string json, string expected)
    {
        var record = Valid(Schema(StandardObjects.Accounts), $$$"""{"name":"Acme","currency":"EUR","annualRevenue":{{{json}}}}""");
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), record.Value(StandardObjects.Accounts, "annualRevenue"));
    }

    // ---- text length ----

    [Fact]
    public void Validate_TextAtMaxLength_IsAccepted()
    {
        var name = new string('x', 100);
        Assert.Equal(name, Valid(Contacts(), $$$"""{"lastName":"{{{name}}}"}""").Value(C, "lastName"));
    }

    [Fact]
    public void Validate_TextOverMaxLength_ErrorNamesTheLimit()
    {
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","firstName":"{{{new string('x', 101)}}}"}""");
        Assert.Equal(["must be at most 100 characters"], errors["firstName"]);
    }

    [Fact]
    public void Validate_NestedTextOverMaxLength_ErrorKeyedByPath()
    {
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","address":{"postalCode":"{{{new string('9', 21)}}}"}}""");
        Assert.Equal(["address.postalCode"], errors.Keys);
    }

    // ---- picklists ----

    [Theory]
    [InlineData("customer", "customer")]
    [InlineData("CUSTOMER", "customer")]
    [InlineData("marketingqualifiedlead", "marketingQualifiedLead")]
    [InlineData(" Evangelist ", "evangelist")]
    public void Validate_PicklistValueInAnyCase_StoresCanonicalValue(string input, string expected)
    {
        var record = Valid(Contacts(), $$$"""{"lastName":"L","lifecycleStage":"{{{input}}}"}""");
        Assert.Equal(expected, record.Value(C, "lifecycleStage"));
    }

    [Fact]
    public void Validate_PicklistValueNotAnOption_ErrorListsAllowedValues()
    {
        var errors = Errors(Contacts(), """{"lastName":"L","lifecycleStage":"prospect"}""");
        Assert.Equal(["must be one of: " + string.Join(", ", Picklists.LifecycleStages)], errors["lifecycleStage"]);
    }

    [Fact]
    public void Validate_OpportunityStage_UsesPipelineStagesAndCanonicalCase()
    {
        var record = Valid(Opportunities("prospecting", "closedWon"), """{"name":"Deal","stage":"CLOSEDWON"}""");
        Assert.Equal("closedWon", record.Value(StandardObjects.Opportunities, "stage"));
    }

    [Fact]
    public void Validate_OpportunityStageNotInPipeline_ErrorListsPipelineStages()
    {
        var errors = Errors(Opportunities("prospecting", "closedWon"), """{"name":"Deal","stage":"lost"}""");
        Assert.Equal(["must be one of: prospecting, closedWon"], errors["stage"]);
    }

    // ---- emails and phones ----

    [Fact]
    public void Validate_InvalidSecondEmail_ErrorKeyedByItemPath()
    {
        var errors = Errors(Contacts(), """{"lastName":"L","emails":[{"address":"ada@example.com"},{"address":"not-an-email"}]}""");
        Assert.Equal(["emails[1].address"], errors.Keys);
        Assert.Equal(["must be a valid email address"], errors["emails[1].address"]);
    }

    [Fact]
    public void Validate_EmailItemWithoutAddress_AddressIsRequired()
    {
        var errors = Errors(Contacts(), """{"lastName":"L","emails":[{"type":"work"}]}""");
        Assert.Equal(["is required"], errors["emails[0].address"]);
    }

    [Fact]
    public void Validate_EmailTypeNotAnOption_ErrorKeyedByItemPath()
    {
        var errors = Errors(Contacts(), """{"lastName":"L","emails":[{"address":"ada@example.com","type":"business"}]}""");
        Assert.Equal(["emails[0].type"], errors.Keys);
    }

    [Fact]
    public void Validate_Email_DomainLowerCasedAndPrimaryColumnDerived()
    {
        var record = Valid(Contacts(), """{"lastName":"L","emails":[{"address":"Ada.Lovelace@Example.COM","type":"WORK"}]}""");
        var email = record.Json(C, "emails")![0]!;
        Assert.Equal("Ada.Lovelace@example.com", email["address"]!.GetValue<string>());
        Assert.Equal("work", email["type"]!.GetValue<string>());
        Assert.Equal("ada.lovelace@example.com", record.Derived["email"]);
    }

    [Fact]
    public void Validate_EmailsWithoutPrimary_FirstBecomesPrimaryOthersNot()
    {
        var record = Valid(Contacts(), """{"lastName":"L","emails":[{"address":"a@example.com"},{"address":"b@example.com"}]}""");
        var emails = record.Json(C, "emails")!.AsArray();
        Assert.True(emails[0]!["primary"]!.GetValue<bool>());
        Assert.False(emails[1]!["primary"]!.GetValue<bool>());
        Assert.Equal("a@example.com", record.Derived["email"]);
    }

    [Fact]
    public void Validate_SecondEmailMarkedPrimary_PrimaryKeptAndDerived()
    {
        var record = Valid(Contacts(), """{"lastName":"L","emails":[{"address":"a@example.com"},{"address":"b@example.com","primary":true}]}""");
        var emails = record.Json(C, "emails")!.AsArray();
        Assert.False(emails[0]!["primary"]!.GetValue<bool>());
        Assert.True(emails[1]!["primary"]!.GetValue<bool>());
        Assert.Equal("b@example.com", record.Derived["email"]);
    }

    [Fact]
    public void Validate_TwoPrimaryEmails_Rejected()
    {
        var errors = Errors(Contacts(), """{"lastName":"L","emails":[{"address":"a@example.com","primary":true},{"address":"b@example.com","primary":true}]}""");
        Assert.Equal(["must have at most one primary item"], errors["emails"]);
    }

    [Theory]
    [InlineData("ada@example.com", "ada@example.com")]
    [InlineData("ada@example.com", "ADA@Example.com")]
    public void Validate_DuplicateEmailAddress_ErrorOnTheRepeat(string first, string second)
    {
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","emails":[{"address":"{{{first}}}"},{"address":"{{{second}}}"}]}""");
        Assert.Equal(["is listed twice"], errors["emails[1].address"]);
    }

    [Fact]
    public void Validate_EmptyEmailArray_StoresNoValue()
    {
        var record = Valid(Contacts(), """{"lastName":"L","emails":[]}""");
        Assert.Null(record.Value(C, "emails"));
        Assert.Null(record.Derived["email"]);
    }

    [Fact]
    public void Validate_TooManyEmails_Rejected()
    {
        var items = string.Join(",", Enumerable.Range(0, 21).Select(i => $$$"""{"address":"a{{{i}}}@example.com"}"""));
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","emails":[{{{items}}}]}""");
        Assert.Equal(["must have at most 20 items"], errors["emails"]);
    }

    [Fact]
    public void Validate_Phones_InternationalNumberNormalisedAndDerived()
    {
        var record = Valid(Contacts(), """{"lastName":"L","phones":[{"number":"030 1234567"},{"number":"+49 30 7654321","primary":true,"type":"mobile"}]}""");
        var phones = record.Json(C, "phones")!.AsArray();
        Assert.Equal("030 1234567", phones[0]!["number"]!.GetValue<string>());
        Assert.Equal("+49307654321", phones[1]!["number"]!.GetValue<string>());
        Assert.Equal("+49307654321", record.Derived["phone"]);
    }

    [Fact]
    public void Validate_PhoneWithLetters_ErrorKeyedByItemPath()
    {
        var errors = Errors(Contacts(), """{"lastName":"L","phones":[{"number":"+49 30 CALL-ME"}]}""");
        Assert.Equal(["phones[0].number"], errors.Keys);
    }

    [Fact]
    public void Validate_AccountPhoneAndWebsite_AreNormalised()
    {
        var record = Valid(Schema(StandardObjects.Accounts), """{"name":"Acme","phone":"0049 30 1234567","website":"acme.example"}""");
        Assert.Equal("+49301234567", record.Value(StandardObjects.Accounts, "phone"));
        Assert.Equal("https://acme.example", record.Value(StandardObjects.Accounts, "website"));
    }

    [Theory]
    [InlineData("ftp://acme.example")]
    [InlineData("http://localhost")]
    public void Validate_WebsiteNotHttp_Rejected(string url)
    {
        var errors = Errors(Schema(StandardObjects.Accounts), $$$"""{"name":"Acme","website":"{{{url}}}"}""");
        Assert.Equal(["must be an http or https URL"], errors["website"]);
    }

    // ---- currency and country codes ----

    [Theory]
    [InlineData("eur", "EUR")]
    [InlineData("Usd", "USD")]
    [InlineData(" jpy ", "JPY")]
    public void Validate_CurrencyCode_UpperCased(string input, string expected)
    {
        var record = Valid(Opportunities(), $$$"""{"name":"Deal","currency":"{{{input}}}"}""");
        Assert.Equal(expected, record.Value(StandardObjects.Opportunities, "currency"));
    }

    [Theory]
    [InlineData("EURO")]
    [InlineData("XYZ")]
    [InlineData("€")]
    public void Validate_UnknownCurrencyCode_Rejected(string input)
    {
        var errors = Errors(Opportunities(), $$$"""{"name":"Deal","currency":"{{{input}}}"}""");
        Assert.Equal(["currency"], errors.Keys);
    }

    [Fact]
    public void Validate_AddressCountry_UpperCased()
    {
        var record = Valid(Contacts(), """{"lastName":"L","address":{"city":"Berlin","country":"de"}}""");
        var address = record.Json(C, "address")!;
        Assert.Equal("DE", address["country"]!.GetValue<string>());
        Assert.Equal("Berlin", address["city"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("Germany")]
    [InlineData("DEU")]
    public void Validate_UnknownCountryCode_ErrorKeyedByNestedPath(string input)
    {
        var errors = Errors(Schema(StandardObjects.Accounts), $$$"""{"name":"Acme","billingAddress":{"country":"{{{input}}}"}}""");
        Assert.Equal(["billingAddress.country"], errors.Keys);
    }

    [Fact]
    public void Validate_EmptyNestedObject_StoresNoValue()
    {
        var record = Valid(Contacts(), """{"lastName":"L","address":{"city":"  "}}""");
        Assert.Null(record.Value(C, "address"));
    }

    // ---- dates and date-times ----

    [Theory]
    [InlineData("2026-01-31T09:30:00")]
    [InlineData("2026-01-31T09:30:00.123")]
    [InlineData("2026-01-31 09:30:00Z")]
    [InlineData("2026-01-31")]
    [InlineData("31.01.2026 09:30")]
    [InlineData("yesterday")]
    public void Validate_DateTimeWithoutOffset_Rejected(string input)
    {
        var errors = Errors(Schema(StandardObjects.Cases), $$$"""{"subject":"S","slaDueAt":"{{{input}}}"}""");
        Assert.Equal(["must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T09:30:00Z"], errors["slaDueAt"]);
    }

    [Theory]
    [InlineData("2026-01-31T09:30:00Z", 9, 30, 0, 0)]
    [InlineData("2026-01-31T11:30:00+02:00", 9, 30, 0, 0)]
    [InlineData("2026-01-31T04:30:00-05:00", 9, 30, 0, 0)]
    [InlineData("2026-01-31T11:30:00.1234567+02:00", 9, 30, 0, 1234560)]
    [InlineData("2026-01-31T09:30:59.999999Z", 9, 30, 59, 9999990)]
    public void Validate_DateTimeWithOffset_StoredAsUtcMicroseconds(string input, int hour, int minute, int second, long ticks)
    {
        var record = Valid(Schema(StandardObjects.Cases), $$$"""{"subject":"S","slaDueAt":"{{{input}}}"}""");
        var value = Assert.IsType<DateTime>(record.Value(StandardObjects.Cases, "slaDueAt"));
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(new DateTime(2026, 1, 31, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks), value);
    }

    [Fact]
    public void Validate_NestedDateTime_StoredAsUtcText()
    {
        var record = Valid(Contacts(), """{"lastName":"L","marketingConsent":{"status":"granted","at":"2026-01-31T10:30:00+01:00"}}""");
        Assert.Equal("2026-01-31T09:30:00.000000Z", record.Json(C, "marketingConsent")!["at"]!.GetValue<string>());
    }

    [Fact]
    public void Validate_NestedDateTimeWithoutOffset_ErrorKeyedByPath()
    {
        var errors = Errors(Contacts(), """{"lastName":"L","marketingConsent":{"at":"2026-01-31T10:30:00"}}""");
        Assert.Equal(["marketingConsent.at"], errors.Keys);
    }

    [Fact]
    public void Validate_Date_StoredAsDateOnly()
    {
        var record = Valid(Contacts(), """{"lastName":"L","birthDate":"1815-12-10"}""");
        Assert.Equal(new DateOnly(1815, 12, 10), record.Value(C, "birthDate"));
    }

    [Theory]
    [InlineData("10.12.1815")]
    [InlineData("1815-12-32")]
    [InlineData("1815-02-30")]
    [InlineData("1815-2-1")]
    [InlineData("1815/12/10")]
    [InlineData("1815-12-10T00:00:00Z")]
    public void Validate_DateInOtherFormat_Rejected(string input)
    {
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","birthDate":"{{{input}}}"}""");
        Assert.Equal(["must be a date in the form yyyy-MM-dd"], errors["birthDate"]);
    }

    // ---- required fields and defaults ----

    [Theory]
    [InlineData("""{"firstName":"Ada"}""")]
    [InlineData("""{"firstName":"Ada","lastName":null}""")]
    [InlineData("""{"firstName":"Ada","lastName":""}""")]
    [InlineData("""{"firstName":"Ada","lastName":"   "}""")]
    public void Validate_RequiredLastNameMissingOnCreate_Rejected(string json)
    {
        var errors = Errors(Contacts(), json);
        Assert.Equal(["lastName"], errors.Keys);
        Assert.Equal(["is required"], errors["lastName"]);
    }

    [Fact]
    public void Validate_DefaultOnCreate_Applied()
    {
        var record = Valid(Contacts(), """{"lastName":"L"}""");
        Assert.Equal("lead", record.Value(C, "lifecycleStage"));
    }

    [Fact]
    public void Validate_DefaultOnUpdate_NotApplied()
    {
        var record = Valid(Contacts(), """{"lastName":"L"}""", isCreate: false);
        Assert.Null(record.Value(C, "lifecycleStage"));
    }

    [Fact]
    public void Validate_ExplicitValueOnCreate_WinsOverDefault()
    {
        var record = Valid(Contacts(), """{"lastName":"L","lifecycleStage":"customer"}""");
        Assert.Equal("customer", record.Value(C, "lifecycleStage"));
    }

    [Fact]
    public void Validate_BooleanDefaultOnCreate_Applied()
    {
        var record = Valid(Schema(StandardObjects.Products), """{"name":"Widget","sku":"W-1"}""");
        Assert.True(Assert.IsType<bool>(record.Value(StandardObjects.Products, "active")));
    }

    [Fact]
    public void Validate_ReadOnlySystemFields_IgnoredWithoutError()
    {
        var record = Valid(Contacts(), $$$"""
            {"id":"{{{AccountId}}}","createdAt":"not a date","updatedAt":5,"version":"abc","lastName":"L"}
            """);
        Assert.Equal("L", record.Value(C, "lastName"));
        Assert.Empty(record.References);
    }

    [Fact]
    public void Validate_ReadOnlyStandardField_IgnoredAndNotStored()
    {
        var record = Valid(Schema(StandardObjects.Orders), """{"number":"SO-1","total":999}""");
        Assert.Null(record.Value(StandardObjects.Orders, "total"));
    }

    // ---- owner and external ids ----

    [Fact]
    public void Validate_OwnerId_ReportedAsUserReference()
    {
        var record = Valid(Contacts(), $$$"""{"lastName":"L","ownerId":"{{{AccountId}}}"}""");
        Assert.Equal(Guid.Parse(AccountId), record.OwnerId);
        Assert.Contains(new ReferenceCheck("ownerId", "users", Guid.Parse(AccountId)), record.References);
    }

    [Theory]
    [InlineData("\"nobody\"")]
    [InlineData("42")]
    public void Validate_OwnerIdNotAUuid_Rejected(string json)
    {
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","ownerId":{{{json}}}}""");
        Assert.Equal(["ownerId"], errors.Keys);
    }

    [Fact]
    public void Validate_ExternalIds_TrimmedAndKeyedBySystem()
    {
        var record = Valid(Contacts(), """{"lastName":"L","externalIds":{"erp":" C-1001 ","hub.spot":"77","legacy":null}}""");
        Assert.Equal(new SortedDictionary<string, string> { ["erp"] = "C-1001", ["hub.spot"] = "77" }, record.ExternalIds);
    }

    [Fact]
    public void Validate_ExternalIdAsNumber_StoredAsText()
    {
        var record = Valid(Contacts(), """{"lastName":"L","externalIds":{"erp":1001}}""");
        Assert.Equal("1001", record.ExternalIds["erp"]);
    }

    [Theory]
    [InlineData("1erp")]
    [InlineData("erp system")]
    [InlineData("erp/eu")]
    [InlineData("")]
    public void Validate_ExternalIdWithInvalidSystemName_ErrorKeyedBySystem(string system)
    {
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","externalIds":{"{{{system}}}":"1"}}""");
        Assert.Equal(["externalIds." + system], errors.Keys);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("{\"id\":\"1\"}")]
    [InlineData("[\"1\"]")]
    public void Validate_ExternalIdNotAString_Rejected(string json)
    {
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","externalIds":{"erp":{{{json}}}}}""");
        Assert.Equal(["must be a string"], errors["externalIds.erp"]);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(0)]
    public void Validate_ExternalIdEmptyOrOver255Characters_Rejected(int length)
    {
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","externalIds":{"erp":"{{{new string('7', length)}}}"}}""");
        Assert.Equal(["must be 1 to 255 characters"], errors["externalIds.erp"]);
    }

    [Fact]
    public void Validate_ExternalIdOf255Characters_IsAccepted()
    {
        var id = new string('7', 255);
        Assert.Equal(id, Valid(Contacts(), $$$"""{"lastName":"L","externalIds":{"erp":"{{{id}}}"}}""").ExternalIds["erp"]);
    }

    [Fact]
    public void Validate_ExternalIdsNotAnObject_Rejected()
    {
        var errors = Errors(Contacts(), """{"lastName":"L","externalIds":["erp"]}""");
        Assert.Equal(["externalIds"], errors.Keys);
    }

    [Fact]
    public void Validate_MoreThan20ExternalSystems_Rejected()
    {
        var systems = string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"s{i}\":\"{i}\""));
        var errors = Errors(Contacts(), """{"lastName":"L","externalIds":{""" + systems + "}}");
        Assert.Equal(["externalIds"], errors.Keys);
    }

    // ---- references ----

    [Fact]
    public void Validate_AccountIdOnContact_ReportedWithTargetAccounts()
    {
        var record = Valid(Contacts(), $$$"""{"lastName":"L","accountId":"{{{AccountId}}}"}""");
        Assert.Equal(Guid.Parse(AccountId), record.Value(C, "accountId"));
        Assert.Equal([new ReferenceCheck("accountId", "accounts", Guid.Parse(AccountId))], record.References);
    }

    [Fact]
    public void Validate_ParentAccountId_ReportedWithTargetAccounts()
    {
        var record = Valid(Schema(StandardObjects.Accounts), $$$"""{"name":"Acme","parentAccountId":"{{{AccountId}}}"}""");
        Assert.Equal([new ReferenceCheck("parentAccountId", "accounts", Guid.Parse(AccountId))], record.References);
    }

    [Theory]
    [InlineData("\"acme\"")]
    [InlineData("\"0190a3c45e6f7a8b9c0d1e2f3a4b5c6d\"")]
    [InlineData("\"{0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d}\"")]
    [InlineData("12")]
    public void Validate_ReferenceNotAUuid_Rejected(string json)
    {
        var errors = Errors(Contacts(), $$$"""{"lastName":"L","accountId":{{{json}}}}""");
        Assert.Equal(["accountId"], errors.Keys);
    }

    [Fact]
    public void Validate_OpportunityReferences_ReportedWithTheirTargets()
    {
        var record = Valid(Opportunities(), $$$"""{"name":"Deal","accountId":"{{{AccountId}}}","contactId":"{{{OtherId}}}"}""");
        Assert.Contains(new ReferenceCheck("accountId", "accounts", Guid.Parse(AccountId)), record.References);
        Assert.Contains(new ReferenceCheck("contactId", "contacts", Guid.Parse(OtherId)), record.References);
        Assert.Equal(2, record.References.Count);
    }

    [Theory]
    [InlineData("contacts")]
    [InlineData("opportunities")]
    [InlineData("cases")]
    public void Validate_ActivityRelatedId_TargetIsRelatedObject(string relatedObject)
    {
        var record = Valid(Schema(StandardObjects.Activities),
            $$$"""{"type":"call","subject":"Intro","relatedObject":"{{{relatedObject}}}","relatedId":"{{{AccountId}}}"}""");
        Assert.Equal([new ReferenceCheck("relatedId", relatedObject, Guid.Parse(AccountId))], record.References);
    }

    /// <summary>relatedObject is matched case-insensitively, so the reference must use the canonical object name.</summary>
    [Fact]
    public void Validate_ActivityRelatedObjectInOtherCase_ReferenceTargetIsCanonical()
    {
        var record = Valid(Schema(StandardObjects.Activities),
            $$$"""{"type":"call","subject":"Intro","relatedObject":"Contacts","relatedId":"{{{AccountId}}}"}""");
        Assert.Equal("contacts", record.Value(StandardObjects.Activities, "relatedObject"));
        Assert.Equal([new ReferenceCheck("relatedId", "contacts", Guid.Parse(AccountId))], record.References);
    }

    [Fact]
    public void Validate_ActivityRelatedIdWithoutRelatedObject_Rejected()
    {
        var errors = Errors(Schema(StandardObjects.Activities), $$$"""{"type":"call","subject":"Intro","relatedId":"{{{AccountId}}}"}""");
        Assert.Equal(["needs the object it refers to"], errors["relatedId"]);
    }

    [Fact]
    public void Validate_ActivityParticipant_TargetIsParticipantObject()
    {
        var record = Valid(Schema(StandardObjects.Activities), $$$"""
            {"type":"meeting","subject":"Kick-off","participants":[
              {"object":"leads","id":"{{{AccountId}}}","role":"required"},
              {"object":"users","id":"{{{OtherId}}}","role":"organizer"},
              {"email":"Guest@Example.com","name":"Guest"}]}
            """);
        Assert.Equal(
            [new ReferenceCheck("participants[0].id", "leads", Guid.Parse(AccountId)), new ReferenceCheck("participants[1].id", "users", Guid.Parse(OtherId))],
            record.References);
        Assert.Equal("Guest@example.com", record.Json(StandardObjects.Activities, "participants")![2]!["email"]!.GetValue<string>());
    }

    // ---- line items ----

    [Fact]
    public void Validate_OpportunityLineItems_TotalComputedWithDiscount()
    {
        var record = Valid(Opportunities(), $$$"""
            {"name":"Deal","currency":"EUR","lineItems":[
              {"productId":"{{{AccountId}}}","quantity":3,"unitPrice":10,"discount":10},
              {"description":"Setup","quantity":2,"unitPrice":"19.99"},
              {"quantity":1,"unitPrice":0.125}]}
            """);
        var lines = record.Json(StandardObjects.Opportunities, "lineItems")!.AsArray();
        Assert.Equal(27m, lines[0]!["total"]!.GetValue<decimal>());
        Assert.Equal(39.98m, lines[1]!["total"]!.GetValue<decimal>());
        Assert.Equal(0.13m, lines[2]!["total"]!.GetValue<decimal>());
        Assert.Equal([new ReferenceCheck("lineItems[0].productId", "products", Guid.Parse(AccountId))], record.References);
    }

    [Fact]
    public void Validate_LineItemTotalSentByClient_IgnoredAndRecomputed()
    {
        var record = Valid(Opportunities(), """{"name":"Deal","currency":"EUR","lineItems":[{"quantity":2,"unitPrice":5,"total":999}]}""");
        Assert.Equal(10m, record.Json(StandardObjects.Opportunities, "lineItems")![0]!["total"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("""{"unitPrice":5}""", "lineItems[0].quantity", "is required")]
    [InlineData("""{"quantity":1}""", "lineItems[0].unitPrice", "is required")]
    [InlineData("""{"quantity":-1,"unitPrice":5}""", "lineItems[0].quantity", "must be at least 0")]
    [InlineData("""{"quantity":1,"unitPrice":5,"discount":150}""", "lineItems[0].discount", "must be at most 100")]
    [InlineData("""{"quantity":1,"unitPrice":5,"colour":"red"}""", "lineItems[0].colour", "is not a known field")]
    public void Validate_InvalidLineItem_ErrorKeyedByItemPath(string line, string path, string message)
    {
        var errors = Errors(Opportunities(), $$$"""{"name":"Deal","currency":"EUR","lineItems":[{{{line}}}]}""");
        Assert.Equal([path], errors.Keys);
        Assert.Equal([message], errors[path]);
    }

    [Fact]
    public void Validate_OrderLines_TotalComputed()
    {
        var record = Valid(Schema(StandardObjects.Orders), """{"number":"SO-1","currency":"EUR","lines":[{"quantity":4,"unitPrice":2.5,"discount":50}]}""");
        Assert.Equal(5m, record.Json(StandardObjects.Orders, "lines")![0]!["total"]!.GetValue<decimal>());
    }

    [Fact]
    public void Validate_SeveralErrors_AllReportedAtOnce()
    {
        var errors = Errors(Contacts(), """{"firstName":1,"birthDate":"x","nickname":"y","emails":[{"address":"bad"}]}""");
        Assert.Equal(["birthDate", "emails[0].address", "firstName", "lastName", "nickname"], errors.Keys.Order());
    }

    [Fact]
    public void Validate_DoesNotModifyTheInputBody()
    {
        var body = Body("""{"lastName":"L","emails":[{"address":"A@Example.com"}]}""");
        var before = body.ToJsonString();
        RecordValidator.Validate(Contacts(), body, isCreate: true);
        Assert.Equal(before, body.ToJsonString());
    }
}
