using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Rapport.Api.Soap;
using Rapport.Domain.Metadata;

namespace Rapport.UnitTests.Soap;

/// <summary>The WSDL and XSD the SOAP API publishes: compile as XML Schema, and describe every operation of every object.</summary>
public sealed class SoapContractTests
{
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";

    internal static IReadOnlyList<ObjectSchema> Schemas(params FieldDef[] contactCustomFields) =>
        StandardObjects.All.Select(d => new ObjectSchema(d, d == StandardObjects.Contacts ? contactCustomFields : [])).ToList();

    internal static FieldDef Custom(string name, string type, params string[] options) =>
        CustomFieldTypes.ToField(name, name, type, false, false, options.Length > 0 ? options : null, null, null);

    internal static XmlSchemaSet Compile(IReadOnlyList<ObjectSchema> schemas)
    {
        var xsd = Encoding.UTF8.GetString(SoapResponse.Document(w => SoapSchemaWriter.Write(w, schemas)));
        var set = new XmlSchemaSet();
        set.Add(XmlSchema.Read(new StringReader(xsd), (_, e) => throw e.Exception)!);
        set.Compile();
        return set;
    }

    [Fact]
    public void Schema_AllObjectsWithCustomFields_CompilesAsXmlSchema()
    {
        var set = Compile(Schemas(Custom("tier", "picklist", "gold"), Custom("seats", "number"), Custom("regions", "multipicklist", "emea")));

        Assert.True(set.IsCompiled);
        Assert.Contains(set.GlobalTypes.Names.Cast<XmlQualifiedName>(), n => n.Name == "ContactCustom");
        Assert.Equal(StandardObjects.All.Count * SoapNames.Verbs.Count * 2 + 1, set.GlobalElements.Count);
    }

    [Fact]
    public void Wsdl_EveryObject_HasSevenOperationsInBothBindingsAtTheAddress()
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(SoapResponse.Document(w => WsdlWriter.Write(w, Schemas(), "http://crm.example/soap/v1"))));

        var portType = document.Root!.Element(Wsdl + "portType")!;
        var operations = portType.Elements(Wsdl + "operation").Select(o => (string)o.Attribute("name")!).ToList();
        Assert.Equal(StandardObjects.All.Count * 7, operations.Count);
        Assert.Contains("QueryOpportunities", operations);
        Assert.Contains("UpsertOrder", operations);
        Assert.Equal(2, document.Root.Elements(Wsdl + "binding").Count());
        Assert.All(document.Root.Elements(Wsdl + "binding"), b => Assert.Equal(operations.Count, b.Elements(Wsdl + "operation").Count()));
        Assert.All(document.Descendants().Where(e => e.Name.LocalName == "address"), a => Assert.Equal("http://crm.example/soap/v1", (string?)a.Attribute("location")));
        Assert.All(portType.Elements(Wsdl + "operation"), o => Assert.NotNull(o.Element(Wsdl + "fault")));
    }

    [Fact]
    public void Schema_CustomField_TypedByItsKind()
    {
        var xsd = XDocument.Parse(Encoding.UTF8.GetString(SoapResponse.Document(w => SoapSchemaWriter.Write(w,
            Schemas(Custom("seats", "number"), Custom("renewal", "date"), Custom("vip", "boolean"), Custom("budget", "currency"))))));

        var custom = xsd.Root!.Elements(Xs + "complexType").Single(t => (string?)t.Attribute("name") == "ContactCustom");
        var types = custom.Descendants(Xs + "element").ToDictionary(e => (string)e.Attribute("name")!, e => (string)e.Attribute("type")!);
        Assert.Equal("xs:long", types["seats"]);
        Assert.Equal("xs:date", types["renewal"]);
        Assert.Equal("xs:boolean", types["vip"]);
        Assert.Equal("xs:decimal", types["budget"]);
    }
}
