using System.Collections.Frozen;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Soap;

/// <summary>What a SOAP operation does to its object.</summary>
public enum SoapVerb { Create, Retrieve, Update, Delete, Upsert, Query, Describe }

/// <summary>A SOAP operation: one verb on one object (<c>RetrieveContact</c>, <c>QueryContacts</c>).</summary>
public sealed record SoapOperation(string Name, SoapVerb Verb, ObjectDef Object);

/// <summary>
/// The names of the SOAP contract, derived from the object catalogue so every object gets every
/// operation and a new object needs no SOAP code: type <c>Contact</c>, operations
/// <c>CreateContact</c> ... <c>QueryContacts</c>, all in <see cref="Namespace"/>.
/// </summary>
public static class SoapNames
{
    public const string Namespace = "urn:rapport:soap:v1";
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string PasswordText = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    /// <summary>The fault detail element, carrying the same problem as REST problem details.</summary>
    public const string ProblemElement = "problem";

    public static readonly IReadOnlyList<SoapVerb> Verbs = Enum.GetValues<SoapVerb>();

    private static readonly FrozenDictionary<string, SoapOperation> ByName = StandardObjects.All
        .SelectMany(o => Verbs.Select(v => new SoapOperation(OperationName(v, o), v, o)))
        .ToFrozenDictionary(op => op.Name, StringComparer.Ordinal);

    public static IEnumerable<SoapOperation> Operations => StandardObjects.All.SelectMany(o => Verbs.Select(v => ByName[OperationName(v, o)]));

    public static SoapOperation? Find(string name) => ByName.GetValueOrDefault(name);

    public static string OperationName(SoapVerb verb, ObjectDef def) =>
        verb == SoapVerb.Query ? "Query" + Pascal(def.Name) : verb + TypeName(def);

    /// <summary>The complex type of a record (<c>Contact</c>).</summary>
    public static string TypeName(ObjectDef def) => Pascal(def.Singular);

    /// <summary>The element that holds a record in requests and responses (<c>contact</c>).</summary>
    public static string RecordElement(ObjectDef def) => def.Singular;

    public static string SoapAction(string operation) => $"{Namespace}/{operation}";

    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
