using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Integration.Mapping;

namespace Rapport.UnitTests.Mapping;

public class ImportMappingTests
{
    /// <summary>The example of the import-mapping brief, verbatim: it mixes fields of several objects, so it only parses.</summary>
    private const string BriefExample = """
        # optional
        object: contacts
        match_on: email                # or id, domain, externalIds.<system>
        on_duplicate: update           # skip|update|merge
        unmapped: ignore               # ignore (default) | error
        fields:                        # target field path -> how to get its value
          firstName:   { column: "Full Name", split_name: first }
          lastName:    { column: "Full Name", split_name: last }
          email:       { column: "E-Mail", transform: [trim, lower] }
          title:       { column: Position, transform: [trim, title_case], default: "Unknown" }
          account.name: { column: Company }                 # relation key, resolved later by the importer
          custom.since: { column: "Kunde seit", date_format: "dd.MM.yyyy" }
          annualRevenue: { column: Umsatz, number_format: { decimal: ",", group: "." } }
          status:      { column: Status, map: { "Y": active, "N": inactive }, map_default: inactive }
          description: { columns: [Note1, Note2], join: " / " }
          externalIds.legacy: { column: Ref, regex: "REF-(\\d+)" }
          source:      { value: "migration" }               # constant
          marketingConsent.given: { column: "Opt in", map: { "Y": true, "N": false } }
        """;

    [Fact]
    public void Parse_FullExample_ReadsEverySetting()
    {
        var mapping = ImportMapping.Parse(BriefExample);

        Assert.Equal("contacts", mapping.Object);
        Assert.Equal("email", mapping.MatchOn);
        Assert.Equal(DuplicatePolicy.Update, mapping.OnDuplicate);
        Assert.Equal(UnmappedPolicy.Ignore, mapping.Unmapped);
        Assert.Equal(
            ["firstName", "lastName", "email", "title", "account.name", "custom.since", "annualRevenue", "status", "description",
             "externalIds.legacy", "source", "marketingConsent.given"],
            mapping.Fields.Select(f => f.Target));

        var first = mapping.Fields[0];
        Assert.Equal(["Full Name"], first.Columns);
        Assert.Equal("split_name(first)", Assert.Single(first.Transforms).ToString());
        Assert.Equal(7, first.Line);

        Assert.Equal(["trim", "lower"], mapping.Fields[2].Transforms.Select(t => t.Name));
        Assert.Equal(["trim", "title_case"], mapping.Fields[3].Transforms.Select(t => t.Name));
        Assert.Equal("Unknown", mapping.Fields[3].Default);
        Assert.Equal("dd.MM.yyyy", mapping.Fields[5].DateFormat);
        Assert.Equal(new NumberFormat(',', "."), mapping.Fields[6].NumberFormat);

        var status = mapping.Fields[7];
        Assert.Equal("active", status.Map!["y"]);
        Assert.Equal("inactive", status.MapDefault);
        Assert.True(status.HasMapDefault);

        Assert.Equal(["Note1", "Note2"], mapping.Fields[8].Columns);
        Assert.Equal(" / ", mapping.Fields[8].Join);
        Assert.Equal("REF-(\\d+)", mapping.Fields[9].Transforms[0].Argument);
        Assert.True(mapping.Fields[10].HasValue);
        Assert.Equal("migration", mapping.Fields[10].Value);
        Assert.Equal("true", mapping.Fields[11].Map!["Y"]);
    }

    [Fact]
    public void Validate_FullExampleAgainstContacts_NamesTheFirstFieldContactsLack()
    {
        var mapping = ImportMapping.Parse(BriefExample);

        var e = Assert.Throws<MappingException>(() => mapping.Validate(MappingTestData.Contacts()));

        Assert.Equal("annualRevenue", e.Field);
        Assert.Equal(13, e.Line);
        Assert.StartsWith("Mapping field 'annualRevenue' (line 13): 'annualRevenue' is not a field of contacts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_SameShape_SameMapping()
    {
        var json = JsonNode.Parse("""
            {
              "object": "contacts", "match_on": "externalIds.erp", "on_duplicate": "merge", "unmapped": "error",
              "fields": {
                "lastName": { "column": "Name", "transform": ["trim", { "replace": { "pattern": "\\s+", "with": " " } }] },
                "custom.vip": { "column": "VIP", "map": { "J": true, "N": false } },
                "custom.score": { "column": "Score", "number_format": { "decimal": ",", "group": "." } },
                "title": "Position"
              }
            }
            """)!.AsObject();

        var mapping = ImportMapping.FromJson(json);
        mapping.Validate(MappingTestData.Contacts());

        Assert.Equal(DuplicatePolicy.Merge, mapping.OnDuplicate);
        Assert.Equal(UnmappedPolicy.Error, mapping.Unmapped);
        Assert.Equal("externalIds.erp", mapping.MatchOn);
        Assert.Equal(["trim", "replace"], mapping.Fields[0].Transforms.Select(t => t.Name));
        Assert.Null(mapping.Fields[0].Line);
        Assert.Equal("true", mapping.Fields[1].Map!["j"]);
        Assert.Equal(["Position"], mapping.Fields[3].Columns);
    }

    [Fact]
    public void Parse_NoFields_AutoMappingWithSettings()
    {
        var mapping = ImportMapping.Parse("match_on: id\non_duplicate: skip\n");

        Assert.False(mapping.HasFields);
        Assert.Equal(DuplicatePolicy.Skip, mapping.OnDuplicate);
        Assert.Equal(UnmappedPolicy.Ignore, mapping.Unmapped);
    }

    [Fact]
    public void Parse_EmptyDocument_EmptyMapping()
    {
        var mapping = ImportMapping.Parse("");

        Assert.False(mapping.HasFields);
        Assert.Null(mapping.Object);
    }

    [Theory]
    [InlineData("fields:\n  email: { column: Mail, transform: [trim, lowr] }\n", "Mapping field 'email' (line 2): unknown transform 'lowr' (known: trim, lower, upper")]
    [InlineData("fields:\n  email: { column: Mail, regex: \"([a-z\" }\n", "Mapping field 'email' (line 2): the regex \"([a-z\" does not compile")]
    [InlineData("fields:\n  email:\n    column: Mail\n    transform:\n      - replace: { pattern: \"(\", with: x }\n", "Mapping field 'email' (line 5): the regex \"(\" does not compile")]
    [InlineData("fields:\n  birthDate: { column: Born, date_format: \"DD.MM.YYYY\" }\n", "Mapping field 'birthDate' (line 2): date_format \"DD.MM.YYYY\" is not a valid pattern: 'D' is not a pattern letter")]
    [InlineData("fields:\n  birthDate: { column: Born, date_format: \"dd.MM\" }\n", "it needs a year (yyyy), a month (MM) and a day (dd)")]
    [InlineData("fields:\n  custom.lastSeen: { column: Seen, datetime_format: \"dd.MM.yyyy\" }\n", "a date-time pattern needs an hour (HH)")]
    [InlineData("fields:\n  email: { colum: Mail }\n", "Mapping field 'email' (line 2): unknown setting 'colum'")]
    [InlineData("fields:\n  email: { column: Mail, value: x }\n", "give either column(s) or value, not both")]
    [InlineData("fields:\n  email: { transform: [trim] }\n", "needs column, columns, value or default")]
    [InlineData("fields:\n  title: { column: T, split_name: middle }\n", "split_name takes first or last, not 'middle'")]
    [InlineData("fields:\n  title: { column: T, transform: [strip] }\n", "strip needs the characters to remove")]
    [InlineData("fields:\n  custom.score: { column: S, number_format: { decimal: \",\", group: \",\" } }\n", "the decimal separator ',' cannot also be a group separator")]
    [InlineData("on_duplicate: replace\n", "Mapping (line 1): on_duplicate must be skip, update or merge, not 'replace'")]
    [InlineData("unmaped: error\n", "Mapping (line 1): unknown setting 'unmaped'")]
    [InlineData("fields:\n  email: { column: \"Mail\" \n", "The mapping is not valid YAML (line")]
    [InlineData("fields:\n  status: { column: S, map: { Y: a, y: b } }\n", "map: \"y\" is listed twice")]
    public void Parse_InvalidMapping_ClearMessage(string yaml, string expected)
    {
        var e = Assert.Throws<MappingException>(() => ImportMapping.Parse(yaml));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fields:\n  firstname2: { column: A }\n", "Mapping field 'firstname2' (line 2): 'firstname2' is not a field of contacts (fields: firstName, lastName")]
    [InlineData("fields:\n  address.town: { column: A }\n", "'address.town' is not a field of contacts: address has street, line2, city, postalCode, region, country")]
    [InlineData("fields:\n  custom.nope: { column: A }\n", "'custom.nope' is not a custom field of contacts (custom fields: tier, score")]
    [InlineData("fields:\n  account.color: { column: A }\n", "'color' is not a field of accounts to look up account by")]
    [InlineData("fields:\n  title: { column: A, date_format: \"dd.MM.yyyy\" }\n", "date_format and datetime_format apply to date and date-time fields; title is a text field")]
    [InlineData("fields:\n  title: { column: A, number_format: { decimal: \",\" } }\n", "number_format applies to number fields; title is a text field")]
    [InlineData("fields:\n  firstName: A\n  First_Name: B\n", "Mapping field 'First_Name' (line 3): maps to firstName, which 'firstName' (line 2) maps already")]
    [InlineData("object: leads\n", "The mapping is written for 'leads' but the import is into 'contacts'")]
    [InlineData("match_on: address\n", "match_on: 'address' is not a field of contacts that identifies a record")]
    public void Validate_MappingDoesNotFitSchema_ClearMessage(string yaml, string expected)
    {
        var mapping = ImportMapping.Parse(yaml);

        var e = Assert.Throws<MappingException>(() => mapping.Validate(MappingTestData.Contacts()));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("id")]
    [InlineData("externalIds.erp")]
    [InlineData("custom.origin")]
    [InlineData("lastName")]
    public void Validate_MatchOn_Accepted(string matchOn) =>
        ImportMapping.Parse($"match_on: {matchOn}\n").Validate(MappingTestData.Contacts());

    [Fact]
    public void Validate_MatchOnDomain_AcceptedForAccounts() =>
        ImportMapping.Parse("object: accounts\nmatch_on: domain\n").Validate(MappingTestData.Schema(StandardObjects.Accounts));

    [Fact]
    public void Parse_AliasBomb_Refused()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
                   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n";

        var e = Assert.Throws<MappingException>(() => ImportMapping.Parse(yaml));

        Assert.Contains("more than", e.Message, StringComparison.Ordinal);
    }
}
