using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Infrastructure.HttpJson;
using static Rapport.IntegrationTests.Soap.SoapCalls;

namespace Rapport.IntegrationTests.Soap;

/// <summary>
/// <c>xmllint</c> (libxml2, not .NET) validates what the SOAP API answers against the schema it publishes
/// at <c>/soap/v1?xsd</c>: every operation's response element and the fault's problem detail.
/// </summary>
public sealed class SoapSchemaValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-xsd-").FullName;

    [Fact]
    public async Task Responses_EveryOperationAndFault_ValidAgainstPublishedXsd()
    {
        var xmllint = RequiredTools.Which("xmllint");
        if (RequiredTools.Missing("xmllint", xmllint is null ? "xmllint is not installed (apt-get install libxml2-utils)" : null)) return;
        await using var app = await RapportApp.StartSqliteAsync();
        var client = await app.ClientAsync("crm.read", "crm.write", "crm.admin");
        foreach (var field in new[]
                 {
                     """{"name":"tier","label":"Tier","type":"picklist","options":["gold","silver"]}""",
                     """{"name":"seats","label":"Seats","type":"number"}""",
                     """{"name":"renewal","label":"Renewal","type":"date"}""",
                     """{"name":"vip","label":"VIP","type":"boolean"}""",
                     """{"name":"regions","label":"Regions","type":"multipicklist","options":["emea","apac"]}""",
                     """{"name":"budget","label":"Budget","type":"currency"}""",
                 })
        {
            using var created = await client.PostJsonAsync($"{V1}/metadata/fields/contacts", field);
            await created.ExpectStatusAsync(HttpStatusCode.Created);
        }
        var schema = Path.Combine(_dir, "rapport.xsd");
        await File.WriteAllTextAsync(schema, await app.Anonymous.GetStringAsync("/soap/v1?xsd"));
        var account = await client.CreateAsync("accounts", """{"name":"Acme","billingAddress":{"city":"Lyon","country":"FR"},"annualRevenue":10.5,"currency":"EUR"}""");
        var product = await client.CreateAsync("products", """{"name":"Seat","sku":"S-1","price":49.90,"currency":"EUR"}""");

        var payloads = new List<(string What, XElement Payload)>();
        var create = (await client.CallAsync(Op("CreateContact", E("contact",
            E("firstName", "Ada"), E("lastName", "Lovelace"), E("accountId", account.Id()), E("birthDate", "1815-12-10"),
            E("emails", E("email", E("address", "ada@example.com"), E("type", "work"), E("primary", "true"))),
            E("phones", E("phone", E("number", "+441234567890"))),
            E("externalIds", E("externalId", E("system", "erp"), E("id", "E-1"))),
            E("custom", E("tier", "gold"), E("seats", "12"), E("renewal", "2027-01-31"), E("vip", "true"),
                E("regions", E("value", "emea"), E("value", "apac")), E("budget", "1200.50")))))).Ok();
        payloads.Add(("CreateContact", create));
        var id = create.Descendants(Ns + "id").First().Value;
        payloads.Add(("RetrieveContact", (await client.CallAsync(Op("RetrieveContact", E("id", id)))).Ok()));
        payloads.Add(("UpdateContact", (await client.CallAsync(Op("UpdateContact", E("id", id), E("contact", E("title", "Countess"))), soap12: true)).Ok()));
        payloads.Add(("UpsertOrder", (await client.CallAsync(Op("UpsertOrder", E("system", "erp"), E("externalId", "SO-1"), E("order",
            E("number", "SO-1"), E("accountId", account.Id()), E("currency", "EUR"), E("orderedAt", "2026-01-12T08:15:00Z"),
            E("lines", E("line", E("productId", product.Id()), E("quantity", "3"), E("unitPrice", "49.90"))))))).Ok()));
        payloads.Add(("QueryContacts", (await client.CallAsync(Op("QueryContacts", E("where", E("field", "custom.tier"), E("operator", "in"), E("value", "gold,silver")), E("limit", "1")))).Ok()));
        foreach (var objectType in new[] { "Account", "Contact", "Lead", "Opportunity", "Activity", "Case", "Campaign", "Product", "Order" })
            payloads.Add(($"Describe{objectType}", (await client.CallAsync(Op($"Describe{objectType}"))).Ok()));
        foreach (var plural in new[] { "Accounts", "Leads", "Opportunities", "Activities", "Cases", "Campaigns", "Products", "Orders" })
            payloads.Add(($"Query{plural}", (await client.CallAsync(Op($"Query{plural}", E("limit", "5")))).Ok()));
        payloads.Add(("fault problem", (await client.CallAsync(Op("CreateContact", E("contact", E("firstName", "x"))))).Fault(400)));
        payloads.Add(("DeleteContact", (await client.CallAsync(Op("DeleteContact", E("id", id)))).Ok()));

        foreach (var (what, payload) in payloads)
        {
            var file = Path.Combine(_dir, what.Replace(' ', '-') + ".xml");
            await File.WriteAllTextAsync(file, new XDocument(payload).ToString());
            var result = await ToolProcess.RunAsync(new ProcessStartInfo(xmllint!, ["--noout", "--schema", schema, file]), TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 0, $"{what} does not validate against /soap/v1?xsd:\n{result.Output}\n{payload}");
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
