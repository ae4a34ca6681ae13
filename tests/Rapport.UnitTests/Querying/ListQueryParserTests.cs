using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;
using Rapport.Domain.Validation;
using static Rapport.UnitTests.Querying.QueryTestHelpers;

namespace Rapport.UnitTests.Querying;

public class ListQueryParserTests
{
    private const string G1 = "0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    private const string G2 = "0190a3c4-5e6f-7a8b-9c0d-aaaaaaaaaaaa";

    [Fact]
    public void Parse_NoParameters_GivesDefaults()
    {
        var query = Parse(Contacts, "");
        Assert.Equal(50, query.Limit);
        Assert.Empty(query.Filters);
        Assert.Empty(query.Sorts);
        Assert.Null(query.Fields);
        Assert.Null(query.Search);
        Assert.Null(query.After);
        Assert.Equal("", query.SortSpec);
    }

    // ---- limit ----

    [Theory]
    [InlineData("1", 1)]
    [InlineData("50", 50)]
    [InlineData("999", 999)]
    [InlineData("1000", 1000)]
    public void Parse_LimitFrom1To1000_IsUsed(string value, int expected) =>
        Assert.Equal(expected, Parse(Contacts, ("limit", value)).Limit);

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("2.5")]
    [InlineData("99999999999")]
    public void Parse_LimitOutOfRangeOrNotANumber_ErrorKeyedLimit(string value)
    {
        var errors = Errors(Contacts, ("limit", value));
        Assert.Equal(["limit"], errors.Keys);
        Assert.Equal(["must be a whole number from 1 to 1000"], errors["limit"]);
    }

    // ---- q ----

    [Theory]
    [InlineData("ada", "ada")]
    [InlineData("  Ada Lovelace  ", "Ada Lovelace")]
    [InlineData("   ", null)]
    public void Parse_Search_Trimmed(string value, string? expected) =>
        Assert.Equal(expected, Parse(Contacts, ("q", value)).Search);

    [Fact]
    public void Parse_SearchOver200Characters_ErrorKeyedQ() =>
        Assert.Equal(["q"], Errors(Contacts, ("q", new string('a', 201))).Keys);

    // ---- filters: fields and operators ----

    [Theory]
    [InlineData("accounts", "employees", "250", FilterOp.Eq, typeof(long), "250")]
    [InlineData("accounts", "employees[gte]", "-5", FilterOp.Gte, typeof(long), "-5")]
    [InlineData("accounts", "annualRevenue[lt]", "1000.50", FilterOp.Lt, typeof(decimal), "1000.50")]
    [InlineData("accounts", "billingAddress.city", "Berlin", FilterOp.Eq, typeof(string), "Berlin")]
    [InlineData("accounts", "website[contains]", "acme", FilterOp.Contains, typeof(string), "acme")]
    [InlineData("contacts", "lastName", "Lovelace", FilterOp.Eq, typeof(string), "Lovelace")]
    [InlineData("contacts", "lastName[startsWith]", "Love", FilterOp.StartsWith, typeof(string), "Love")]
    [InlineData("contacts", "firstName[contains]", "da", FilterOp.Contains, typeof(string), "da")]
    [InlineData("contacts", "lifecycleStage[ne]", "customer", FilterOp.Ne, typeof(string), "customer")]
    [InlineData("contacts", "custom.score[gt]", "7", FilterOp.Gt, typeof(long), "7")]
    [InlineData("contacts", "custom.ratio", "0.5", FilterOp.Eq, typeof(decimal), "0.5")]
    [InlineData("contacts", "birthDate", "1990-05-01", FilterOp.Eq, typeof(DateOnly), "1990-05-01")]
    [InlineData("contacts", "custom.renewal[lte]", "2026-03-01", FilterOp.Lte, typeof(DateOnly), "2026-03-01")]
    [InlineData("contacts", "createdAt[gte]", "2026-01-01T10:00:00+02:00", FilterOp.Gte, typeof(DateTime), "2026-01-01T08:00:00.000000Z")]
    [InlineData("contacts", "updatedAt[gt]", "2026-01-01T10:00:00.1234567Z", FilterOp.Gt, typeof(DateTime), "2026-01-01T10:00:00.123456Z")]
    [InlineData("contacts", "createdAt[lt]", "2026-01-01", FilterOp.Lt, typeof(DateTime), "2026-01-01T00:00:00.000000Z")]
    [InlineData("contacts", "custom.seen", "2026-01-01T10:00:00Z", FilterOp.Eq, typeof(DateTime), "2026-01-01T10:00:00.000000Z")]
    [InlineData("contacts", "custom.vip", "true", FilterOp.Eq, typeof(bool), "true")]
    [InlineData("contacts", "custom.vip", "false", FilterOp.Eq, typeof(bool), "false")]
    [InlineData("contacts", "custom.vip[ne]", "1", FilterOp.Ne, typeof(bool), "true")]
    [InlineData("contacts", "accountId", G1, FilterOp.Eq, typeof(Guid), G1)]
    [InlineData("contacts", "custom.partner", G1, FilterOp.Eq, typeof(Guid), G1)]
    [InlineData("contacts", "id[ne]", G1, FilterOp.Ne, typeof(Guid), G1)]
    [InlineData("contacts", "ownerId", G1, FilterOp.Eq, typeof(Guid), G1)]
    [InlineData("contacts", "version[gt]", "3", FilterOp.Gt, typeof(long), "3")]
    [InlineData("contacts", "email", "Ada@Example.COM", FilterOp.Eq, typeof(string), "ada@example.com")]
    [InlineData("contacts", "phone", "+49 30 1234567", FilterOp.Eq, typeof(string), "+49301234567")]
    [InlineData("contacts", "phone[startsWith]", "+4930", FilterOp.StartsWith, typeof(string), "+4930")]
    [InlineData("contacts", "externalIds.erp", "C-1001", FilterOp.Eq, typeof(string), "C-1001")]
    public void Parse_Filter_ValueTypedForFieldKind(string objectName, string key, string value, FilterOp op, Type type, string expected)
    {
        var filter = Assert.Single(Parse(Schema(objectName), (key, value)).Filters);
        Assert.Equal(key.Split('[')[0], filter.Field.Path);
        Assert.Equal(op, filter.Op);
        Assert.IsType(type, filter.Value);
        Assert.Equal(expected, QueryValues.ToText(filter.Value));
    }

    [Fact]
    public void Parse_DateTimeFilter_IsUtc()
    {
        var filter = Assert.Single(Parse(Contacts, ("createdAt[gte]", "2026-01-01T10:00:00-05:00")).Filters);
        Assert.Equal(new DateTime(2026, 1, 1, 15, 0, 0, DateTimeKind.Utc), filter.Value);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)filter.Value!).Kind);
    }

    [Fact]
    public void Parse_TwoFiltersOnOneField_BothKept()
    {
        var query = Parse(Contacts, ("createdAt[gte]", "2026-01-01"), ("createdAt[lt]", "2026-02-01"));
        Assert.Equal([FilterOp.Gte, FilterOp.Lt], query.Filters.Select(f => f.Op));
    }

    [Theory]
    [InlineData("accounts", "employees", "many", "employees", "must be a whole number")]
    [InlineData("accounts", "employees[gt]", "1.5", "employees", "must be a whole number")]
    [InlineData("accounts", "annualRevenue", "1e3", "annualRevenue", "must be a number")]
    [InlineData("accounts", "annualRevenue", "1,000", "annualRevenue", "must be a number")]
    [InlineData("contacts", "custom.score", "x", "custom.score", "must be a whole number")]
    [InlineData("contacts", "birthDate", "01/05/1990", "birthDate", "must be a date (yyyy-MM-dd)")]
    [InlineData("contacts", "birthDate", "1990-02-30", "birthDate", "must be a date (yyyy-MM-dd)")]
    [InlineData("contacts", "createdAt[gte]", "2026-01-01T10:00:00", "createdAt", "must be an ISO 8601 date-time with a time zone, or a date")]
    [InlineData("contacts", "createdAt[gte]", "last week", "createdAt", "must be an ISO 8601 date-time with a time zone, or a date")]
    [InlineData("contacts", "custom.vip", "yes", "custom.vip", "must be true or false")]
    [InlineData("contacts", "custom.vip", "TRUE", "custom.vip", "must be true or false")]
    [InlineData("contacts", "accountId", "acme", "accountId", "must be a record id (UUID)")]
    [InlineData("contacts", "id", "12", "id", "must be a record id (UUID)")]
    public void Parse_FilterValueOfWrongType_ErrorKeyedByFieldName(string objectName, string key, string value, string errorKey, string message)
    {
        var errors = Errors(Schema(objectName), (key, value));
        Assert.Equal([errorKey], errors.Keys);
        Assert.Equal([message], errors[errorKey]);
    }

    [Theory]
    [InlineData("contacts", "nickname", "nickname")]
    [InlineData("contacts", "nickname[eq]", "nickname")]
    [InlineData("contacts", "custom.nope", "custom.nope")]
    [InlineData("contacts", "custom.interests", "custom.interests")]
    [InlineData("contacts", "custom", "custom")]
    [InlineData("contacts", "emails", "emails")]
    [InlineData("contacts", "address", "address")]
    [InlineData("contacts", "address.planet", "address.planet")]
    [InlineData("contacts", "lastName.first", "lastName.first")]
    [InlineData("contacts", "externalIds.1erp", "externalIds.1erp")]
    [InlineData("accounts", "email", "email")]
    [InlineData("accounts", "billingAddress.city.name", "billingAddress.city.name")]
    public void Parse_FilterOnUnknownField_ErrorKeyedByFieldName(string objectName, string key, string errorKey)
    {
        var errors = Errors(Schema(objectName), (key, "x"));
        Assert.Equal([errorKey], errors.Keys);
        Assert.Equal([$"is not a filterable field of {objectName}"], errors[errorKey]);
    }

    [Theory]
    [InlineData("lastName[like]", "like")]
    [InlineData("lastName[EQ]", "EQ")]
    [InlineData("lastName[]", "")]
    [InlineData("nickname[regex]", "regex")]
    public void Parse_UnknownOperator_ErrorKeyedByParameterAndListsOperators(string key, string op)
    {
        var errors = Errors(Contacts, (key, "x"));
        Assert.Equal([key], errors.Keys);
        Assert.Equal([$"unknown operator '{op}'; use one of: eq, ne, lt, lte, gt, gte, contains, startsWith, in, isNull"], errors[key]);
    }

    [Theory]
    [InlineData("lastName[eq")]
    [InlineData("lastName[eq]x")]
    public void Parse_MalformedOperatorBrackets_ErrorKeyedByParameter(string key) =>
        Assert.Equal([key], Errors(Contacts, (key, "x")).Keys);

    [Theory]
    [InlineData("limit[gt]")]
    [InlineData("sort[eq]")]
    [InlineData("q[contains]")]
    public void Parse_OperatorOnReservedParameter_ErrorKeyedByParameter(string key) =>
        Assert.Equal([key], Errors(Contacts, (key, "5")).Keys);

    [Fact]
    public void Parse_IgnoredParameter_IsSkipped()
    {
        var query = ListQueryParser.Parse(Contacts, Query("format=csv&lastName=L"), Codec, new HashSet<string> { "format" });
        Assert.Equal("lastName", Assert.Single(query.Filters).Field.Path);
    }

    // ---- in ----

    [Fact]
    public void Parse_InFilter_EachValueTyped()
    {
        var filter = Assert.Single(Parse(Accounts, ("employees[in]", "1, 2 ,3")).Filters);
        Assert.Equal(FilterOp.In, filter.Op);
        Assert.Equal(new object?[] { 1L, 2L, 3L }, Assert.IsType<object?[]>(filter.Value));
    }

    [Fact]
    public void Parse_InFilterOnPicklist_KeepsTextValues()
    {
        var filter = Assert.Single(Parse(Contacts, ("lifecycleStage[in]", "lead,customer")).Filters);
        Assert.Equal(new object?[] { "lead", "customer" }, Assert.IsType<object?[]>(filter.Value));
    }

    [Fact]
    public void Parse_InFilterOnReference_ValuesAreGuids()
    {
        var filter = Assert.Single(Parse(Contacts, ("accountId[in]", $"{G1},{G2}")).Filters);
        Assert.Equal(new object?[] { Guid.Parse(G1), Guid.Parse(G2) }, Assert.IsType<object?[]>(filter.Value));
    }

    [Fact]
    public void Parse_InFilterOnExternalId_IsAllowed()
    {
        var filter = Assert.Single(Parse(Contacts, ("externalIds.erp[in]", "A,B")).Filters);
        Assert.Equal(FieldLocation.ExternalId, filter.Field.Location);
        Assert.Equal(new object?[] { "A", "B" }, Assert.IsType<object?[]>(filter.Value));
    }

    [Fact]
    public void Parse_InFilterWithBadElement_ErrorNamesTheElement()
    {
        var errors = Errors(Accounts, ("employees[in]", "1,x,3"));
        Assert.Equal(["'x' is not a whole number"], errors["employees"]);
    }

    [Fact]
    public void Parse_InFilterWithMoreThan100Values_Rejected()
    {
        var values = string.Join(",", Enumerable.Range(1, 101));
        Assert.Equal(["takes at most 100 values"], Errors(Accounts, ("employees[in]", values))["employees[in]"]);
    }

    [Fact]
    public void Parse_InFilterWith100Values_IsAccepted()
    {
        var values = string.Join(",", Enumerable.Range(1, 100));
        Assert.Equal(100, Assert.IsType<object?[]>(Assert.Single(Parse(Accounts, ("employees[in]", values)).Filters).Value).Length);
    }

    // ---- isNull ----

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Parse_IsNullFilter_ValueIsBoolean(string value, bool expected)
    {
        var filter = Assert.Single(Parse(Contacts, ("accountId[isNull]", value)).Filters);
        Assert.Equal(FilterOp.IsNull, filter.Op);
        Assert.Equal(expected, Assert.IsType<bool>(filter.Value));
    }

    [Fact]
    public void Parse_IsNullOnCustomField_IsAllowed() =>
        Assert.Equal("custom.tier", Assert.Single(Parse(Contacts, ("custom.tier[isNull]", "true")).Filters).Field.Path);

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("True")]
    public void Parse_IsNullWithoutBoolean_Rejected(string value) =>
        Assert.Equal(["must be true or false"], Errors(Contacts, ("accountId[isNull]", value))["accountId[isNull]"]);

    // ---- contains / startsWith ----

    [Theory]
    [InlineData("accounts", "employees[contains]", "contains")]
    [InlineData("accounts", "annualRevenue[startsWith]", "startsWith")]
    [InlineData("contacts", "birthDate[contains]", "contains")]
    [InlineData("contacts", "createdAt[startsWith]", "startsWith")]
    [InlineData("contacts", "accountId[contains]", "contains")]
    [InlineData("contacts", "custom.vip[contains]", "contains")]
    [InlineData("contacts", "custom.score[contains]", "contains")]
    public void Parse_ContainsOnNonTextField_Rejected(string objectName, string key, string op)
    {
        var errors = Errors(Schema(objectName), (key, "5"));
        Assert.Equal([key], errors.Keys);
        Assert.Equal([$"{op} works on text fields only"], errors[key]);
    }

    [Fact]
    public void Parse_ContainsWithEmptyValue_Rejected() =>
        Assert.Equal(["needs a value"], Errors(Contacts, ("lastName[contains]", ""))["lastName[contains]"]);

    [Theory]
    [InlineData("externalIds.erp[contains]")]
    [InlineData("externalIds.erp[gt]")]
    [InlineData("externalIds.erp[isNull]")]
    public void Parse_ExternalIdWithOtherThanEqOrIn_Rejected(string key) =>
        Assert.Equal(["external ids can be filtered with eq or in only"], Errors(Contacts, (key, "1"))[key]);

    // ---- sort ----

    [Fact]
    public void Parse_Sort_FieldsAndDirectionsInOrder()
    {
        var query = Parse(Contacts, ("sort", "-createdAt,lastName,+firstName"));
        Assert.Equal(["createdAt", "lastName", "firstName"], query.Sorts.Select(s => s.Field.Path));
        Assert.Equal([true, false, false], query.Sorts.Select(s => s.Descending));
        Assert.Equal("-createdAt,lastName,firstName", query.SortSpec);
    }

    [Fact]
    public void Parse_SortWithSpacesAndEmptyParts_Trimmed() =>
        Assert.Equal("lastName,-firstName", Parse(Contacts, ("sort", " lastName , ,-firstName ")).SortSpec);

    [Theory]
    [InlineData("contacts", "custom.score", FieldLocation.Json)]
    [InlineData("contacts", "-email", FieldLocation.Column)]
    [InlineData("accounts", "billingAddress.city", FieldLocation.Json)]
    [InlineData("accounts", "-employees", FieldLocation.Column)]
    public void Parse_SortOnNestedCustomOrDerivedField_IsAllowed(string objectName, string sort, FieldLocation location) =>
        Assert.Equal(location, Assert.Single(Parse(Schema(objectName), ("sort", sort)).Sorts).Field.Location);

    [Fact]
    public void Parse_SortById_IsTheImplicitTieBreaker() =>
        Assert.Empty(Parse(Contacts, ("sort", "id")).Sorts);

    [Fact]
    public void Parse_SortByIdDescending_IsKept()
    {
        var sort = Assert.Single(Parse(Contacts, ("sort", "-id")).Sorts);
        Assert.Equal("id", sort.Field.Path);
        Assert.True(sort.Descending);
    }

    [Theory]
    [InlineData("lastName,-lastName", "'lastName' is listed twice")]
    [InlineData("lastName,lastName", "'lastName' is listed twice")]
    [InlineData("-createdAt,+createdAt", "'createdAt' is listed twice")]
    [InlineData("nickname", "'nickname' is not a sortable field of contacts")]
    [InlineData("-nickname", "'nickname' is not a sortable field of contacts")]
    [InlineData("emails", "'emails' is not a sortable field of contacts")]
    [InlineData("custom.interests", "'custom.interests' is not a sortable field of contacts")]
    [InlineData("externalIds.erp", "'externalIds.erp' is not a sortable field of contacts")]
    [InlineData("firstName,lastName,title,birthDate,createdAt,updatedAt", "at most 5 sort fields")]
    public void Parse_InvalidSort_ErrorKeyedSort(string sort, string message)
    {
        var errors = Errors(Contacts, ("sort", sort));
        Assert.Equal(["sort"], errors.Keys);
        Assert.Equal([message], errors["sort"]);
    }

    // ---- fields ----

    [Theory]
    [InlineData("firstName,lastName", new[] { "id", "firstName", "lastName" })]
    [InlineData("lastName", new[] { "id", "lastName" })]
    [InlineData("id,lastName", new[] { "id", "lastName" })]
    [InlineData(" lastName , emails ", new[] { "id", "lastName", "emails" })]
    [InlineData("lastName,custom.tier,createdAt,externalIds", new[] { "id", "lastName", "custom.tier", "createdAt", "externalIds" })]
    [InlineData("", new[] { "id" })]
    public void Parse_Fields_ProjectionAlwaysIncludesId(string fields, string[] expected) =>
        Assert.Equal(expected.Order(), Parse(Contacts, ("fields", fields)).Fields!.Order());

    [Theory]
    [InlineData("nickname")]
    [InlineData("lastName,nickname")]
    [InlineData("custom.nope")]
    [InlineData("custom.")]
    public void Parse_FieldsWithUnknownName_ErrorKeyedFields(string fields)
    {
        var errors = Errors(Contacts, ("fields", fields));
        Assert.Equal(["fields"], errors.Keys);
    }

    // ---- several problems ----

    [Fact]
    public void Parse_SeveralBadParameters_AllReportedTogether()
    {
        var errors = Errors(Contacts, "limit=0&nickname=x&sort=nope&lastName[like]=y&fields=zz");
        Assert.Equal(["fields", "lastName[like]", "limit", "nickname", "sort"], errors.Keys.Order());
    }

    // ---- cursor ----

    [Fact]
    public void Parse_CursorForSameSort_GivesTypedAfterValues()
    {
        var cursor = Codec.Encode("-createdAt,lastName", ["2026-01-01T08:00:00.000000Z", "Lovelace", G1]);
        var query = Parse(Contacts, ("sort", "-createdAt,lastName"), ("cursor", cursor));
        Assert.Equal(new object?[] { new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc), "Lovelace", Guid.Parse(G1) }, query.After);
    }

    [Fact]
    public void Parse_CursorBeforeSortParameter_StillChecksAgainstTheSort()
    {
        var cursor = Codec.Encode("custom.score", ["7", G1]);
        var query = Parse(Contacts, ("cursor", cursor), ("sort", "custom.score"));
        Assert.Equal(new object?[] { 7L, Guid.Parse(G1) }, query.After);
    }

    [Fact]
    public void Parse_CursorWithoutSort_CarriesOnlyTheId()
    {
        var query = Parse(Contacts, ("cursor", Codec.Encode("", [G1])));
        Assert.Equal(new object?[] { Guid.Parse(G1) }, query.After);
    }

    [Theory]
    [InlineData("-id", new[] { G1 })]
    [InlineData("lastName,-id", new[] { "Lovelace", G1 })]
    public void Parse_CursorForSortEndingWithId_CarriesOneValuePerKey(string sort, string[] values)
    {
        // A descending id stays a sort key and the store adds no second id, so neither does the cursor it issues.
        var query = Parse(Contacts, ("sort", sort), ("cursor", Codec.Encode(sort, values)));
        Assert.Equal(Guid.Parse(G1), query.After![^1]);
        Assert.Equal(values.Length, query.After.Count);
        var errors = Assert.Throws<ValidationException>(() => Parse(Contacts, ("sort", sort), ("cursor", Codec.Encode(sort, [.. values, G2])))).Errors;
        Assert.Equal(["does not match this request"], errors["cursor"]);
    }

    [Fact]
    public void Parse_CursorWithNullSortValue_KeepsNull()
    {
        var query = Parse(Contacts, ("sort", "birthDate"), ("cursor", Codec.Encode("birthDate", [null, G1])));
        Assert.Equal(new object?[] { null, Guid.Parse(G1) }, query.After);
    }

    [Fact]
    public void Parse_CursorFromAnotherSort_ErrorKeyedCursor()
    {
        var cursor = Codec.Encode("lastName", ["Lovelace", G1]);
        var errors = Assert.Throws<ValidationException>(() => Parse(Contacts, ("sort", "-lastName"), ("cursor", cursor))).Errors;
        Assert.Equal(["cursor"], errors.Keys);
        Assert.Equal(["was issued for another sort order; repeat the request with the same sort"], errors["cursor"]);
    }

    [Theory]
    [InlineData("lastName", new[] { "Lovelace" })]                       // no id
    [InlineData("lastName", new[] { "Lovelace", G1, G2 })]               // one value too many
    [InlineData("birthDate", new[] { "yesterday", G1 })]                 // not a date
    [InlineData("", new[] { "not-a-uuid" })]                             // id not a UUID
    public void Parse_CursorNotMatchingRequest_ErrorKeyedCursor(string sort, string[] values)
    {
        var cursor = Codec.Encode(sort, values);
        var parameters = sort.Length == 0 ? new[] { ("cursor", cursor) } : [("sort", sort), ("cursor", cursor)];
        var errors = Assert.Throws<ValidationException>(() => Parse(Contacts, parameters)).Errors;
        Assert.Equal(["does not match this request"], errors["cursor"]);
    }

    [Fact]
    public void Parse_CursorWithNullId_ErrorKeyedCursor()
    {
        var errors = Assert.Throws<ValidationException>(() => Parse(Contacts, ("cursor", Codec.Encode("", [null])))).Errors;
        Assert.Equal(["cursor"], errors.Keys);
    }

    [Fact]
    public void Parse_CursorSignedWithAnotherKey_ErrorKeyedCursor()
    {
        var foreign = new CursorCodec("another-server-key-0123456789abcdef"u8.ToArray()).Encode("", [G1]);
        var errors = Assert.Throws<ValidationException>(() => Parse(Contacts, ("cursor", foreign))).Errors;
        Assert.Equal(["cursor"], errors.Keys);
    }
}
