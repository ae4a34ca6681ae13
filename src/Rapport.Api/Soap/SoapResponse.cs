using System.Diagnostics;
using System.Globalization;
using System.Xml;
using Rapport.Integration.Formats;
using static Rapport.Api.Soap.SoapNames;

namespace Rapport.Api.Soap;

/// <summary>Writes SOAP 1.1 and 1.2 envelopes: an operation's response, or a fault with the problem as its detail.</summary>
public static class SoapResponse
{
    public static string ContentType(SoapVersion version) =>
        version == SoapVersion.Soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";

    public static Task WriteAsync(HttpContext ctx, SoapVersion version, Action<XmlWriter> body) =>
        SendAsync(ctx, version, 200, Envelope(version, body));

    public static Task WriteFaultAsync(HttpContext ctx, SoapVersion version, SoapFaultException fault)
    {
        if (fault.Problem.Status == 401)
            ctx.Response.Headers.WWWAuthenticate = string.IsNullOrEmpty(ctx.Request.Headers.Authorization) ? "Bearer" : "Bearer error=\"invalid_token\"";
        var traceId = Activity.Current?.Id ?? ctx.TraceIdentifier;
        return SendAsync(ctx, version, fault.HttpStatus(version), Envelope(version, w => WriteFault(w, version, fault, traceId)));
    }

    /// <summary>A whole document, for the description endpoints (WSDL, XSD).</summary>
    public static byte[] Document(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, XmlRecordWriter.WriterSettings()))
        {
            w.WriteStartDocument();
            write(w);
            w.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static byte[] Envelope(SoapVersion version, Action<XmlWriter> body) => Document(w =>
    {
        w.WriteStartElement("soap", "Envelope", version == SoapVersion.Soap12 ? Soap12 : Soap11);
        w.WriteAttributeString("xmlns", "xsi", null, Xsi);
        w.WriteStartElement("soap", "Body", version == SoapVersion.Soap12 ? Soap12 : Soap11);
        body(w);
        w.WriteEndElement();
        w.WriteEndElement();
    });

    private static async Task SendAsync(HttpContext ctx, SoapVersion version, int status, byte[] bytes)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = ContentType(version);
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    private static void WriteFault(XmlWriter w, SoapVersion version, SoapFaultException fault, string traceId)
    {
        var code = fault.Code switch
        {
            SoapFaultCode.Receiver => version == SoapVersion.Soap12 ? "Receiver" : "Server",
            SoapFaultCode.MustUnderstand => "MustUnderstand",
            SoapFaultCode.VersionMismatch => "VersionMismatch",
            _ => version == SoapVersion.Soap12 ? "Sender" : "Client",
        };
        var problem = fault.Problem;
        if (version == SoapVersion.Soap11)
        {
            w.WriteStartElement("soap", "Fault", Soap11);
            w.WriteElementString("faultcode", "soap:" + code);
            w.WriteElementString("faultstring", XmlRecordWriter.Clean(problem.Detail));
            w.WriteStartElement("detail");
            WriteProblem(w, fault, traceId);
            w.WriteEndElement();
            w.WriteEndElement();
            return;
        }
        w.WriteStartElement("soap", "Fault", Soap12);
        w.WriteStartElement("soap", "Code", Soap12);
        w.WriteElementString("soap", "Value", Soap12, "soap:" + code);
        w.WriteEndElement();
        w.WriteStartElement("soap", "Reason", Soap12);
        w.WriteStartElement("soap", "Text", Soap12);
        w.WriteAttributeString("xml", "lang", null, "en");
        w.WriteString(XmlRecordWriter.Clean(problem.Detail));
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("soap", "Detail", Soap12);
        WriteProblem(w, fault, traceId);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteProblem(XmlWriter w, SoapFaultException fault, string traceId)
    {
        var problem = fault.Problem;
        w.WriteStartElement(ProblemElement, Namespace);
        w.WriteElementString("type", Namespace, problem.Type ?? $"https://httpstatuses.io/{problem.Status}");
        w.WriteElementString("title", Namespace, problem.Title);
        w.WriteElementString("status", Namespace, problem.Status.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("detail", Namespace, XmlRecordWriter.Clean(problem.Detail));
        w.WriteElementString("traceId", Namespace, traceId);
        foreach (var (field, messages) in problem.Errors ?? new Dictionary<string, string[]>())
        {
            w.WriteStartElement("error", Namespace);
            w.WriteElementString("field", Namespace, XmlRecordWriter.Clean(field));
            foreach (var message in messages) w.WriteElementString("message", Namespace, XmlRecordWriter.Clean(message));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }
}
