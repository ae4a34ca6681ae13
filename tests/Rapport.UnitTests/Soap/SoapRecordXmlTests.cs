using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using System.Xml.Schema;
using Rapport.Api.Soap;
using Rapport.Domain.Metadata;

namespace Rapport.UnitTests.Soap;

public sealed class SoapRecordXmlTests
{
    private static readonly XNamespace Ns = SoapNames.Namespace;

    private static XElement Written(ObjectSchema schema, JsonObject record)
    {
        var bytes = SoapResponse.Document(w =>
        {
            w.WriteStartElement("RetrieveContactResponse", SoapNames.Namespace);
            w.WriteAttributeString("xmlns", "xsi", null, SoapNames.Xsi);
            SoapRecordXml.Write(w, "contact", schema, record);
            w.WriteEndElement();
        });
        return XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root!;
    }

    [Fact]
    public void WriteThenRead_FullContact_SameJsonAndValidAgainstSchema()
    {
        var custom = new[] { SoapContractTests.Custom("tier", "picklist", "gold"), SoapContractTests.Custom("regions", "multipicklist", "emea", "apac"), SoapContractTests.Custom("seats", "number") };
        var schemas = SoapContractTests.Schemas(custom);
        var schema = schemas.Single(s => s.Definition == StandardObjects.Contacts);
        var record = JsonNode.Parse("""
            {"id":"01a202bc-537b-7ee3-8672-3c1f800751a7","firstName":"Ada","lastName":"Lovelace","title":null,
             "emails":[{"address":"ada@example.com","type":"work","primary":true}],"phones":[],
             "address":{"city":"London","country":"GB"},
             "ownerId":"00000000-0000-7000-8000-000000000001","externalIds":{"erp":"E-1","billing":"B 2"},
             "custom":{"tier":"gold","regions":["emea","apac"],"seats":12},
             "createdAt":"2026-11-22T10:00:00.000Z","updatedAt":"2026-11-22T10:00:01.000Z","version":3}
            """)!.AsObject();

        var element = Written(schema, record);
        var document = new XDocument(element);
        document.Validate(SoapContractTests.Compile(schemas), (_, e) => Assert.Fail(e.Message));
        var read = SoapRecordXml.Read(element.Element(Ns + "contact")!, schema);

        Assert.True(JsonNode.DeepEquals(record, read), $"{record.ToJsonString()}\n!=\n{read.ToJsonString()}");
    }

    [Fact]
    public void Read_RepeatedElement_SenderFaultNamingIt()
    {
        var schema = new ObjectSchema(StandardObjects.Contacts, []);
        var element = XElement.Parse("""<contact xmlns="urn:rapport:soap:v1"><lastName>A</lastName><lastName>B</lastName></contact>""");

        var fault = Assert.Throws<SoapFaultException>(() => SoapRecordXml.Read(element, schema));

        Assert.Equal(SoapFaultCode.Sender, fault.Code);
        Assert.Contains("lastName", fault.Problem.Errors!.Keys);
    }

    [Fact]
    public void Read_NumberThatIsNotANumber_PassedOnAsTextForTheValidator()
    {
        var schema = new ObjectSchema(StandardObjects.Accounts, []);
        var element = XElement.Parse("""<account xmlns="urn:rapport:soap:v1"><employees>many</employees><annualRevenue>1200.50</annualRevenue></account>""");

        var read = SoapRecordXml.Read(element, schema);

        Assert.Equal("many", read["employees"]!.GetValue<string>());
        Assert.Equal(1200.50m, read["annualRevenue"]!.GetValue<decimal>());
    }
}
