using System.Xml;
using System.Xml.Linq;
using static Rapport.Api.Soap.SoapNames;

namespace Rapport.Api.Soap;

/// <summary>
/// A SOAP request as read from the wire: its version (from the envelope's namespace), its header
/// blocks and the operation element of its body. Reading is hardened because the body comes from
/// outside: no DTD or entities, no resolver, and limits on size, depth, element count and attribute length.
/// </summary>
public sealed record SoapEnvelope(SoapVersion Version, IReadOnlyList<XElement> Headers, XElement Operation)
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxDepth = 64;
    public const int MaxElements = 100_000;
    public const int MaxAttributeLength = 8 * 1024;
    public const int MaxAttributes = 64;

    /// <summary>Reads an envelope; any failure is a fault naming what is wrong.</summary>
    /// <exception cref="SoapFaultException">The message is not a readable SOAP 1.1 or 1.2 envelope.</exception>
    public static SoapEnvelope Read(ReadOnlyMemory<byte> body)
    {
        var root = Parse(body);
        var version = root.Name.NamespaceName switch
        {
            Soap11 => SoapVersion.Soap11,
            Soap12 => SoapVersion.Soap12,
            _ => throw Mismatch(root.Name.NamespaceName.Length == 0
                ? $"The root element '{root.Name.LocalName}' is not a SOAP envelope in the SOAP 1.1 or 1.2 namespace."
                : $"The envelope namespace '{root.Name.NamespaceName}' is not SOAP 1.1 ({Soap11}) or SOAP 1.2 ({Soap12})."),
        };
        if (root.Name.LocalName != "Envelope") throw Mismatch($"The root element is '{root.Name.LocalName}', not Envelope.");
        XNamespace env = root.Name.NamespaceName;
        var children = root.Elements().ToList();
        var header = children.FirstOrDefault(e => e.Name == env + "Header");
        var body2 = children.FirstOrDefault(e => e.Name == env + "Body")
            ?? throw SoapFaultException.Refused("The envelope has no Body element.", "Body");
        var operations = body2.Elements().ToList();
        if (operations.Count != 1)
            throw SoapFaultException.Refused($"The Body must hold exactly one operation element; it holds {operations.Count}.", "Body");
        return new SoapEnvelope(version, header?.Elements().ToList() ?? [], operations[0]);
    }

    private static XElement Parse(ReadOnlyMemory<byte> body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return Build(reader);
        }
        catch (XmlException e)
        {
            var what = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "XML with a DTD (document type declaration) is refused: DTDs and entities are not allowed in SOAP messages."
                : $"The request is not well-formed XML: {e.Message}";
            throw SoapFaultException.Refused(what, "Envelope");
        }
    }

    private static XElement Build(XmlReader reader)
    {
        var stack = new Stack<XElement>();
        XElement? root = null;
        var count = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (++count > MaxElements) throw Limit(reader, $"more than {MaxElements:N0} elements");
                    if (stack.Count >= MaxDepth) throw Limit(reader, $"elements nested deeper than {MaxDepth} levels");
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    if (reader.AttributeCount > MaxAttributes) throw Limit(reader, $"an element with more than {MaxAttributes} attributes");
                    var empty = reader.IsEmptyElement;
                    while (reader.MoveToNextAttribute())
                    {
                        if (reader.Value.Length > MaxAttributeLength) throw Limit(reader, $"an attribute longer than {MaxAttributeLength:N0} characters");
                        if (reader.NamespaceURI == XNamespace.Xmlns.NamespaceName) continue;
                        element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                    }
                    if (stack.TryPeek(out var parent)) parent.Add(element);
                    else root = element;
                    if (!empty) stack.Push(element);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    if (stack.TryPeek(out var current)) current.Add(new XText(reader.Value));
                    break;
                case XmlNodeType.EndElement:
                    stack.Pop();
                    break;
            }
        }
        return root ?? throw new XmlException("The request has no root element.");
    }

    private static SoapFaultException Limit(XmlReader reader, string what)
    {
        var info = reader as IXmlLineInfo;
        return SoapFaultException.Refused($"The message is refused: it has {what} (line {info?.LineNumber}, position {info?.LinePosition}).", "Envelope");
    }

    private static SoapFaultException Mismatch(string detail) =>
        new(SoapFaultCode.VersionMismatch, new Errors.Problem(400, "Version Mismatch", detail)) { Malformed = true };
}

public enum SoapVersion { Soap11, Soap12 }
