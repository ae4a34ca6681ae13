using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Rapport.IntegrationTests.Soap;

/// <summary>Raw SOAP calls for the tests: an envelope around an operation element, posted as SOAP 1.1 or 1.2.</summary>
internal static class SoapCalls
{
    public static readonly XNamespace Ns = "urn:rapport:soap:v1";
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public sealed record Answer(HttpStatusCode Status, string ContentType, XDocument Document)
    {
        public XElement Body => Document.Root!.Elements().Single(e => e.Name.LocalName == "Body").Elements().Single();

        /// <summary>The fault's problem detail, or null when the answer is not a fault.</summary>
        public XElement? Problem => Body.Name.LocalName == "Fault" ? Body.Descendants(Ns + "problem").SingleOrDefault() : null;

        public string FaultCode => Body.Element("faultcode")?.Value ?? Body.Descendants(Soap12 + "Value").First().Value;

        public string Text(string name) => Body.Descendants(Ns + name).First().Value;
    }

    /// <summary>An operation element such as <c>RetrieveContact</c> with its children.</summary>
    public static XElement Op(string name, params object?[] content) => new(Ns + name, content);

    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    public static XElement UsernameToken(string clientId, string secret, string? type = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText") =>
        new(Wsse + "Security",
            new XElement(Wsse + "UsernameToken",
                new XElement(Wsse + "Username", clientId),
                new XElement(Wsse + "Password", type is null ? null : new XAttribute("Type", type), secret)));

    public static string Envelope(XElement operation, bool soap12 = false, params XElement[] headers)
    {
        var env = soap12 ? Soap12 : Soap11;
        return new XDocument(new XElement(env + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", env.NamespaceName),
            headers.Length > 0 ? new XElement(env + "Header", headers) : null,
            new XElement(env + "Body", operation))).ToString(SaveOptions.DisableFormatting);
    }

    public static Task<Answer> CallAsync(this HttpClient client, XElement operation, bool soap12 = false, params XElement[] headers) =>
        client.PostSoapAsync(Envelope(operation, soap12, headers), soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8");

    public static async Task<Answer> PostSoapAsync(this HttpClient client, string body, string contentType = "text/xml; charset=utf-8")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync("/soap/v1", content);
        var text = await response.Content.ReadAsStringAsync();
        XDocument document;
        try
        {
            document = XDocument.Parse(text);
        }
        catch (System.Xml.XmlException e)
        {
            throw new Xunit.Sdk.XunitException($"POST /soap/v1 answered {(int)response.StatusCode} with no XML ({e.Message}): {text}");
        }
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", document);
    }

    /// <summary>Asserts a successful answer and returns its response element.</summary>
    public static XElement Ok(this Answer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, $"expected 200, got {(int)answer.Status}: {answer.Document}");
        Assert.Null(answer.Problem);
        return answer.Body;
    }

    /// <summary>
    /// Asserts a fault with <paramref name="status"/> in its problem detail and returns the problem element.
    /// The HTTP status defaults to what a processing fault answers: 500 in SOAP 1.1 (WS-I BP R1126), 400 in SOAP 1.2.
    /// </summary>
    public static XElement Fault(this Answer answer, int status, HttpStatusCode? http = null)
    {
        Assert.True(answer.Problem is not null, $"expected a fault, got {(int)answer.Status}: {answer.Document}");
        var soap12 = answer.Document.Root!.Name.Namespace == Soap12;
        Assert.Equal(http ?? (soap12 ? HttpStatusCode.BadRequest : HttpStatusCode.InternalServerError), answer.Status);
        Assert.Equal(status.ToString(), answer.Problem!.Element(Ns + "status")!.Value);
        return answer.Problem;
    }
}
