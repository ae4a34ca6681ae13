using System.Xml;
using Rapport.Domain.Metadata;
using static Rapport.Api.Soap.SoapNames;

namespace Rapport.Api.Soap;

/// <summary>
/// Writes the WSDL 1.1 description of <c>/soap/v1</c>: document/literal wrapped (one <c>parameters</c>
/// part naming the operation's wrapper element), one port type, a SOAP 1.1 and a SOAP 1.2 binding and
/// a service with a port for each at the same address. Every operation declares the problem fault.
/// </summary>
public static class WsdlWriter
{
    private const string Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private const string WsdlSoap11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    private const string WsdlSoap12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
    private const string Http = "http://schemas.xmlsoap.org/soap/http";

    public const string ServiceName = "RapportService";
    public const string PortType = "RapportPortType";

    public static void Write(XmlWriter w, IReadOnlyList<ObjectSchema> schemas, string address)
    {
        var operations = schemas.SelectMany(s => Verbs.Select(v => OperationName(v, s.Definition))).ToList();
        w.WriteStartElement("wsdl", "definitions", Wsdl);
        w.WriteAttributeString("xmlns", "tns", null, Namespace);
        w.WriteAttributeString("xmlns", "soap", null, WsdlSoap11);
        w.WriteAttributeString("xmlns", "soap12", null, WsdlSoap12);
        w.WriteAttributeString("xmlns", "xs", null, Xsd);
        w.WriteAttributeString("name", ServiceName);
        w.WriteAttributeString("targetNamespace", Namespace);

        w.WriteStartElement("wsdl", "documentation", Wsdl);
        w.WriteString("Rapport CRM SOAP API v1: the same records, rules and errors as the REST API at /api/v1. " +
                      "Authenticate with an OAuth 2.0 bearer token (Authorization header) or a WS-Security UsernameToken " +
                      "(client id and secret, PasswordText). Faults carry a problem element with the field errors.");
        w.WriteEndElement();

        w.WriteStartElement("wsdl", "types", Wsdl);
        SoapSchemaWriter.Write(w, schemas);
        w.WriteEndElement();

        Message(w, "ProblemFault", ProblemElement, "problem");
        foreach (var op in operations)
        {
            Message(w, op + "Request", op, "parameters");
            Message(w, op + "Response", op + "Response", "parameters");
        }

        w.WriteStartElement("wsdl", "portType", Wsdl);
        w.WriteAttributeString("name", PortType);
        foreach (var op in operations)
        {
            w.WriteStartElement("wsdl", "operation", Wsdl);
            w.WriteAttributeString("name", op);
            MessageRef(w, "input", op + "Request");
            MessageRef(w, "output", op + "Response");
            w.WriteStartElement("wsdl", "fault", Wsdl);
            w.WriteAttributeString("name", "ProblemFault");
            w.WriteAttributeString("message", "tns:ProblemFault");
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();

        Binding(w, "RapportSoap11Binding", "soap", WsdlSoap11, operations);
        Binding(w, "RapportSoap12Binding", "soap12", WsdlSoap12, operations);

        w.WriteStartElement("wsdl", "service", Wsdl);
        w.WriteAttributeString("name", ServiceName);
        Port(w, "RapportSoap11", "RapportSoap11Binding", "soap", WsdlSoap11, address);
        Port(w, "RapportSoap12", "RapportSoap12Binding", "soap12", WsdlSoap12, address);
        w.WriteEndElement();

        w.WriteEndElement();
    }

    private static void Message(XmlWriter w, string name, string element, string part)
    {
        w.WriteStartElement("wsdl", "message", Wsdl);
        w.WriteAttributeString("name", name);
        w.WriteStartElement("wsdl", "part", Wsdl);
        w.WriteAttributeString("name", part);
        w.WriteAttributeString("element", "tns:" + element);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void MessageRef(XmlWriter w, string direction, string message)
    {
        w.WriteStartElement("wsdl", direction, Wsdl);
        w.WriteAttributeString("message", "tns:" + message);
        w.WriteEndElement();
    }

    private static void Binding(XmlWriter w, string name, string prefix, string ns, IEnumerable<string> operations)
    {
        w.WriteStartElement("wsdl", "binding", Wsdl);
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("type", "tns:" + PortType);
        w.WriteStartElement(prefix, "binding", ns);
        w.WriteAttributeString("style", "document");
        w.WriteAttributeString("transport", Http);
        w.WriteEndElement();
        foreach (var op in operations)
        {
            w.WriteStartElement("wsdl", "operation", Wsdl);
            w.WriteAttributeString("name", op);
            w.WriteStartElement(prefix, "operation", ns);
            w.WriteAttributeString("soapAction", SoapAction(op));
            w.WriteAttributeString("style", "document");
            w.WriteEndElement();
            foreach (var direction in new[] { "input", "output" })
            {
                w.WriteStartElement("wsdl", direction, Wsdl);
                w.WriteStartElement(prefix, "body", ns);
                w.WriteAttributeString("use", "literal");
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteStartElement("wsdl", "fault", Wsdl);
            w.WriteAttributeString("name", "ProblemFault");
            w.WriteStartElement(prefix, "fault", ns);
            w.WriteAttributeString("name", "ProblemFault");
            w.WriteAttributeString("use", "literal");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Port(XmlWriter w, string name, string binding, string prefix, string ns, string address)
    {
        w.WriteStartElement("wsdl", "port", Wsdl);
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("binding", "tns:" + binding);
        w.WriteStartElement(prefix, "address", ns);
        w.WriteAttributeString("location", address);
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
