using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Soap.SoapCalls;

namespace Rapport.IntegrationTests.Soap;

/// <summary>
/// <c>POST /soap/v1</c>: the SOAP operations reach the same records, rules and errors as REST,
/// on both databases. Raw envelopes here; real third-party clients in <see cref="SoapClientsTests"/>.
/// </summary>
public abstract class SoapApiTests
{
    protected abstract Task<RapportApp?> StartAsync();

    private static XElement Contact(params object[] fields) => E("contact", fields);

    [Fact]
    public async Task CreateRetrieveUpdateDelete_Soap11WithBearer_SameRecordAsRest()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var created = (await client.CallAsync(Op("CreateContact", Contact(
            E("firstName", "Ada"), E("lastName", "Lovelace"),
            E("emails", E("email", E("address", "ada@example.com"), E("type", "work"), E("primary", "true"))),
            E("address", E("city", "London"), E("country", "GB")),
            E("externalIds", E("externalId", E("system", "erp"), E("id", "E-1"))))))).Ok();
        var id = created.Descendants(Ns + "id").First().Value;
        Assert.Equal("1", created.Descendants(Ns + "version").Single().Value);

        var rest = await client.ReadAsync("contacts", id);
        Assert.Equal("Lovelace", rest["lastName"].Str());
        Assert.Equal("ada@example.com", rest["emails"]![0]!["address"].Str());
        Assert.Equal("London", rest["address"]!["city"].Str());
        Assert.Equal("E-1", rest["externalIds"]!["erp"].Str());

        var retrieved = (await client.CallAsync(Op("RetrieveContact", E("id", id)))).Ok();
        Assert.Equal("RetrieveContactResponse", retrieved.Name.LocalName);
        Assert.Equal("Ada", retrieved.Descendants(Ns + "firstName").Single().Value);

        var updated = (await client.CallAsync(Op("UpdateContact", E("id", id), E("version", "1"),
            Contact(E("title", "Countess"), E("address", new XAttribute(Xsi + "nil", "true")))))).Ok();
        Assert.Equal("2", updated.Descendants(Ns + "version").Single().Value);
        rest = await client.ReadAsync("contacts", id);
        Assert.Equal("Countess", rest["title"].Str());
        Assert.Null(rest["address"]);
        Assert.Equal("Lovelace", rest["lastName"].Str());

        var deleted = (await client.CallAsync(Op("DeleteContact", E("id", id)))).Ok();
        Assert.Equal(id, deleted.Element(Ns + "id")!.Value);
        using var gone = await client.GetAsync($"{V1}/contacts/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        (await client.CallAsync(Op("RetrieveContact", E("id", id)))).Fault(404);
    }

    [Fact]
    public async Task Retrieve_Soap12_AnswersInSoap12()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var account = await client.CreateAsync("accounts", """{"name":"Acme","annualRevenue":1250000.50,"currency":"EUR","employees":42}""");

        var answer = await client.CallAsync(Op("RetrieveAccount", E("id", account.Id())), soap12: true);

        var body = answer.Ok();
        Assert.StartsWith("application/soap+xml", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal(Soap12, answer.Document.Root!.Name.Namespace);
        Assert.Equal("1250000.5", body.Descendants(Ns + "annualRevenue").Single().Value);
        Assert.Equal("42", body.Descendants(Ns + "employees").Single().Value);
    }

    [Fact]
    public async Task Upsert_SameExternalIdTwice_CreatesThenUpdates()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var first = (await client.CallAsync(Op("UpsertAccount", E("system", "erp"), E("externalId", "C-100"),
            E("account", E("name", "Globex"))))).Ok();
        var second = (await client.CallAsync(Op("UpsertAccount", E("system", "erp"), E("externalId", "C-100"),
            E("account", E("name", "Globex Corporation"))))).Ok();

        Assert.Equal("true", first.Element(Ns + "created")!.Value);
        Assert.Equal("false", second.Element(Ns + "created")!.Value);
        var id = first.Descendants(Ns + "id").First().Value;
        Assert.Equal(id, second.Descendants(Ns + "id").First().Value);
        Assert.Equal("Globex Corporation", (await client.ReadAsync("accounts", id))["name"].Str());
        Assert.Equal(1, await client.CountAsync("accounts"));
    }

    [Fact]
    public async Task Query_ConditionsSortAndPaging_FollowsCursorThroughAllMatches()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        for (var i = 1; i <= 5; i++)
            await client.CreateAsync("contacts", $$"""{"firstName":"P{{i}}","lastName":"Page"}""");
        await client.CreateAsync("contacts", """{"firstName":"Other","lastName":"Else"}""");

        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await client.CallAsync(Op("QueryContacts",
                E("where", E("field", "lastName"), E("operator", "eq"), E("value", "Page")),
                E("where", E("field", "firstName"), E("operator", "startsWith"), E("value", "P")),
                E("sort", "-firstName"), E("limit", "2"),
                cursor is null ? null : E("cursor", cursor)))).Ok();
            names.AddRange(page.Elements(Ns + "contact").Select(c => c.Element(Ns + "firstName")!.Value));
            cursor = page.Element(Ns + "nextCursor")?.Value;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(["P5", "P4", "P3", "P2", "P1"], names);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Query_UnknownFilterField_FaultNamesTheFieldLikeRest()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var problem = (await client.CallAsync(Op("QueryContacts", E("where", E("field", "shoeSize"), E("operator", "gt"), E("value", "3"))))).Fault(400);
        using var rest = await client.GetAsync($"{V1}/contacts?shoeSize[gt]=3");
        var restProblem = await ProblemAssert.IsProblemAsync(rest, HttpStatusCode.BadRequest);

        Assert.Equal(restProblem["detail"].Str(), problem.Element(Ns + "detail")!.Value);
    }

    [Fact]
    public async Task Create_InvalidFields_FaultCarriesTheSameFieldErrorsAsRest()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var answer = await client.CallAsync(Op("CreateContact", Contact(
            E("firstName", "No"), E("emails", E("email", E("address", "not-an-email"))), E("birthDate", "31.12.1990"))));
        using var rest = await client.PostJsonAsync($"{V1}/contacts", """{"firstName":"No","emails":[{"address":"not-an-email"}],"birthDate":"31.12.1990"}""");
        var restProblem = await ProblemAssert.IsProblemAsync(rest, HttpStatusCode.BadRequest);

        var problem = answer.Fault(400);
        Assert.Equal("soap:Client", answer.FaultCode);
        var soapErrors = problem.Elements(Ns + "error").ToDictionary(e => e.Element(Ns + "field")!.Value, e => e.Elements(Ns + "message").Select(m => m.Value).ToArray());
        var restErrors = restProblem["errors"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.AsArray().Select(m => m.Str()!).ToArray());
        Assert.Equal(restErrors.Keys.Order(), soapErrors.Keys.Order());
        foreach (var (field, messages) in restErrors) Assert.Equal(messages, soapErrors[field]);
        Assert.Contains("lastName", soapErrors.Keys);
        Assert.Equal(0, await client.CountAsync("contacts"));
    }

    [Fact]
    public async Task Update_StaleVersion_Fault412AndNothingChanges()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var contact = await client.CreateAsync("contacts", """{"firstName":"A","lastName":"B"}""");
        using (await client.PatchJsonAsync($"{V1}/contacts/{contact.Id()}", """{"title":"Now v2"}""")) { }

        var answer = await client.CallAsync(Op("UpdateContact", E("id", contact.Id()), E("version", "1"), Contact(E("title", "Stale"))), soap12: true);

        answer.Fault(412);
        Assert.Equal("soap:Sender", answer.FaultCode);
        Assert.Equal("Now v2", (await client.ReadAsync("contacts", contact.Id()))["title"].Str());
    }

    [Fact]
    public async Task UsernameToken_ClientIdAndSecret_AuthenticatesAndRecordsTheClient()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var credentials = await app.CreateClientAsync("crm.read", "crm.write", "crm.admin");
        var anonymous = app.NewHttpClient();

        var created = (await anonymous.CallAsync(Op("CreateLead", E("lead", E("lastName", "Token"), E("company", "WS-Sec Ltd"))),
            false, UsernameToken(credentials.ClientId, credentials.ClientSecret))).Ok();
        var id = created.Descendants(Ns + "id").First().Value;

        var admin = await app.ClientAsync("crm.read", "crm.admin");
        using var changes = await admin.GetAsync($"{V1}/changes?objects=leads");
        var entry = (await changes.JsonObjectAsync())["data"]!.AsArray().Single(c => c!["id"].Str() == id)!;
        Assert.Equal("created", entry["op"].Str());
        Assert.Equal(credentials.ClientId, entry["actor"]!["clientId"].Str());
    }

    [Fact]
    public async Task Authentication_MissingWrongOrDigest_Fault401WithoutWriting()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var credentials = await app.CreateClientAsync("crm.read", "crm.write");
        var anonymous = app.NewHttpClient();
        var create = Op("CreateLead", E("lead", E("lastName", "Nobody")));

        var none = await anonymous.CallAsync(create);
        var wrong = await anonymous.CallAsync(create, false, UsernameToken(credentials.ClientId, "rps_wrong"));
        var digest = await anonymous.CallAsync(create, false, UsernameToken(credentials.ClientId, "c2VjcmV0",
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest"));
        var badBearer = app.NewHttpClient();
        badBearer.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        var expired = await badBearer.CallAsync(create);

        none.Fault(401, HttpStatusCode.Unauthorized);
        wrong.Fault(401, HttpStatusCode.Unauthorized);
        Assert.Contains("PasswordText", digest.Fault(401, HttpStatusCode.Unauthorized).Element(Ns + "detail")!.Value, StringComparison.Ordinal);
        expired.Fault(401, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await (await app.ClientAsync()).CountAsync("leads"));
    }

    [Fact]
    public async Task Create_ReadOnlyClient_Fault403()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var reader = await app.ClientAsync("crm.read");

        var answer = await reader.CallAsync(Op("CreateProduct", E("product", E("name", "Seat"), E("sku", "S-1"))));

        Assert.Contains("crm.write", answer.Fault(403, HttpStatusCode.Forbidden).Element(Ns + "detail")!.Value, StringComparison.Ordinal);
        Assert.Equal(0, await (await app.ClientAsync()).CountAsync("products"));
    }

    [Fact]
    public async Task Header_UnknownMustUnderstand_MustUnderstandFault()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();
        var header = new XElement(XName.Get("Transaction", "urn:example:tx"), new XAttribute(Soap11 + "mustUnderstand", "1"), "5");

        var answer = await client.CallAsync(Op("DescribeContact"), false, header);

        answer.Fault(400);
        Assert.Equal("soap:MustUnderstand", answer.FaultCode);
    }

    [Fact]
    public async Task UnknownOperation_SenderFaultPointingToTheWsdl()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var client = await app.ClientAsync();

        var answer = await client.CallAsync(Op("RetrieveUnicorn", E("id", "1")));

        Assert.Contains("?wsdl", answer.Fault(400).Element(Ns + "detail")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomField_AddedAtRuntime_AppearsInWsdlDescribeAndRecordsAtOnce()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var admin = await app.ClientAsync("crm.read", "crm.write", "crm.admin");
        var before = await app.Anonymous.GetStringAsync("/soap/v1?wsdl");
        Assert.DoesNotContain("name=\"tier\"", before, StringComparison.Ordinal);

        using (var field = await admin.PostJsonAsync($"{V1}/metadata/fields/contacts",
                   """{"name":"tier","label":"Tier","type":"picklist","options":["gold","silver"]}"""))
            await field.ExpectStatusAsync(HttpStatusCode.Created);

        var wsdl = XDocument.Parse(await app.Anonymous.GetStringAsync("/soap/v1?wsdl"));
        var customType = wsdl.Descendants(XName.Get("complexType", "http://www.w3.org/2001/XMLSchema"))
            .Single(t => (string?)t.Attribute("name") == "ContactCustom");
        Assert.Contains(customType.Descendants(), e => (string?)e.Attribute("name") == "tier");

        var described = (await admin.CallAsync(Op("DescribeContact"))).Ok();
        var tier = described.Descendants(Ns + "field").Single(f => f.Element(Ns + "name")!.Value == "custom.tier");
        Assert.Equal("picklist", tier.Element(Ns + "type")!.Value);
        Assert.Equal(["gold", "silver"], tier.Elements(Ns + "option").Select(o => o.Value));

        var created = (await admin.CallAsync(Op("CreateContact", Contact(E("lastName", "Custom"), E("custom", E("tier", "gold")))))).Ok();
        var id = created.Descendants(Ns + "id").First().Value;
        Assert.Equal("gold", (await admin.ReadAsync("contacts", id))["custom"]!["tier"].Str());
        Assert.Equal("gold", created.Descendants(Ns + "tier").Single().Value);
        (await admin.CallAsync(Op("CreateContact", Contact(E("lastName", "Bad"), E("custom", E("tier", "bronze")))))).Fault(400);
    }

    [Fact]
    public async Task Usage_SoapCalls_CountedPerOperationForTheWsSecurityClient()
    {
        await using var app = await StartAsync();
        if (app is null) return;
        var credentials = await app.CreateClientAsync("crm.read", "crm.write");
        var soap = app.NewHttpClient();
        var token = UsernameToken(credentials.ClientId, credentials.ClientSecret);
        var id = (await soap.CallAsync(Op("CreateContact", Contact(E("lastName", "Counted"))), false, token)).Ok().Descendants(Ns + "id").First().Value;
        (await soap.CallAsync(Op("RetrieveContact", E("id", id)), false, token)).Ok();
        (await soap.CallAsync(Op("RetrieveContact", E("id", Guid.CreateVersion7().ToString())), false, token)).Fault(404);
        await soap.PostSoapAsync("<not-xml");

        var admin = await app.ClientAsync("crm.read", "crm.admin");
        using var response = await admin.GetAsync($"{V1}/usage?clientId={credentials.ClientId}");
        var rows = (await response.JsonObjectAsync())["data"]!.AsArray().Select(r => r!.AsObject()).ToList();

        var retrieve = rows.Single(r => r["operation"].Str() == "SOAP RetrieveContact");
        Assert.Equal("soap", retrieve["protocol"].Str());
        Assert.Equal(2, retrieve["calls"]!.GetValue<long>());
        Assert.Equal(1, retrieve["errors"]!.GetValue<long>());
        Assert.Equal(1, rows.Single(r => r["operation"].Str() == "SOAP CreateContact")["calls"]!.GetValue<long>());
    }

    [Fact]
    public async Task Describe_GetWithoutWsdl_ProblemExplainingTheEndpoints()
    {
        await using var app = await StartAsync();
        if (app is null) return;

        using var response = await app.Anonymous.GetAsync("/soap/v1");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("?wsdl", problem["detail"].Str(), StringComparison.Ordinal);
    }
}

public sealed class SoapApiTests_Sqlite : SoapApiTests
{
    protected override async Task<RapportApp?> StartAsync() => await RapportApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class SoapApiTests_Postgres(PostgresFixture pg) : SoapApiTests
{
    protected override Task<RapportApp?> StartAsync() => RapportApp.StartPostgresAsync(pg);
}
