using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Soap;
using Rapport.Api.Usage;

namespace Rapport.Api.Endpoints;

/// <summary>
/// The SOAP 1.1 / 1.2 API for enterprise systems that do not speak REST: <c>POST /soap/v1</c> takes
/// envelopes, <c>GET /soap/v1?wsdl</c> describes them and <c>GET /soap/v1?xsd</c> serves the schema alone.
/// Authentication happens inside (bearer token or WS-Security) so every failure can be a SOAP fault.
/// </summary>
public static class SoapApi
{
    public const string Path = "/soap/v1";

    public static IEndpointRouteBuilder MapSoapApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Describe).WithTags("SOAP").AllowAnonymous();
        app.MapPost(Path, Invoke).WithTags("SOAP").AllowAnonymous();
        return app;
    }

    public static async Task Describe(HttpContext ctx, SoapService soap)
    {
        var query = ctx.Request.Query;
        var wsdl = query.Keys.Any(k => k.Equals("wsdl", StringComparison.OrdinalIgnoreCase));
        var xsd = query.Keys.Any(k => k.Equals("xsd", StringComparison.OrdinalIgnoreCase));
        if (!wsdl && !xsd)
        {
            await ResponseWriter.WriteProblemAsync(ctx, new Problem(400, "Bad Request",
                $"GET {Path}?wsdl describes the SOAP API and {Path}?xsd serves its schema; send SOAP envelopes with POST {Path}."));
            return;
        }
        var schemas = await soap.SchemasAsync(ctx.RequestAborted);
        var address = $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}{Path}";
        var bytes = SoapResponse.Document(w =>
        {
            if (wsdl) WsdlWriter.Write(w, schemas, address);
            else SoapSchemaWriter.Write(w, schemas);
        });
        ctx.Response.ContentType = "text/xml; charset=utf-8";
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    public static async Task Invoke(HttpContext ctx, SoapService soap, SoapAuthenticator authenticator, ILoggerFactory logs)
    {
        var ct = ctx.RequestAborted;
        var version = ctx.Request.ContentType?.StartsWith("application/soap+xml", StringComparison.OrdinalIgnoreCase) == true
            ? SoapVersion.Soap12
            : SoapVersion.Soap11;
        // Usage is counted per SOAP operation (a bounded set of names); messages refused before their
        // operation is known count under one name of their own.
        UsageOperation.Set(ctx, UsageOperation.SoapPrefix + "(no operation)");
        try
        {
            CheckContentType(ctx.Request.ContentType);
            var envelope = SoapEnvelope.Read(await ReadBodyAsync(ctx.Request, ct));
            version = envelope.Version;
            CheckHeaders(envelope);
            var name = envelope.Operation.Name;
            var operation = (name.NamespaceName == SoapNames.Namespace ? SoapNames.Find(name.LocalName) : null)
                ?? throw SoapFaultException.Sender(
                    $"The operation '{name.LocalName}' in namespace '{name.NamespaceName}' is unknown; {Path}?wsdl lists the operations (in {SoapNames.Namespace}).",
                    "Body");
            UsageOperation.Set(ctx, UsageOperation.SoapPrefix + operation.Name);
            var principal = await authenticator.AuthenticateAsync(ctx, envelope, ct);
            UsageOperation.Set(ctx, UsageOperation.SoapPrefix + operation.Name, principal.FindFirst("client_id")?.Value);
            var scope = SoapService.RequiredScope(operation.Verb);
            if (!principal.HasClaim("scope", scope))
                throw SoapFaultException.Sender($"{operation.Name} needs the scope '{scope}', which this client does not have.", status: 403);
            var body = await soap.InvokeAsync(operation, envelope.Operation, HttpActor.From(principal), ct);
            await SoapResponse.WriteAsync(ctx, version, body);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var fault = SoapFaultException.From(e);
            if (fault.Code == SoapFaultCode.Receiver) logs.CreateLogger(typeof(SoapApi)).LogError(e, "SOAP call failed");
            if (!ctx.Response.HasStarted) await SoapResponse.WriteFaultAsync(ctx, version, fault);
        }
    }

    private static void CheckContentType(string? contentType)
    {
        var media = contentType?.Split(';')[0].Trim();
        if (media is not null && (media.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
                                  || media.Equals("application/soap+xml", StringComparison.OrdinalIgnoreCase)
                                  || media.Equals("application/xml", StringComparison.OrdinalIgnoreCase))) return;
        throw SoapFaultException.Refused(
            $"Content-Type '{contentType}' is not SOAP; send text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2).", "Content-Type", 415);
    }

    /// <summary>Header blocks marked mustUnderstand must be ones this endpoint processes (WS-Security); anything else is a MustUnderstand fault.</summary>
    private static void CheckHeaders(SoapEnvelope envelope)
    {
        var ns = envelope.Version == SoapVersion.Soap12 ? SoapNames.Soap12 : SoapNames.Soap11;
        foreach (var header in envelope.Headers)
        {
            var must = (string?)header.Attribute(XName.Get("mustUnderstand", ns));
            if (must is not ("1" or "true") || header.Name == XName.Get("Security", SoapNames.Wsse)) continue;
            throw new SoapFaultException(SoapFaultCode.MustUnderstand, new Problem(400, "Must Understand",
                $"The header '{{{header.Name.NamespaceName}}}{header.Name.LocalName}' is marked mustUnderstand, and this endpoint does not process it."));
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > SoapEnvelope.MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > SoapEnvelope.MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw SoapFaultException.Refused("The request body is empty; send a SOAP envelope.", "Envelope");
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static SoapFaultException TooLarge() =>
        SoapFaultException.Refused($"The message is larger than {SoapEnvelope.MaxBytes / (1024 * 1024)} MB.", "Envelope", 413);
}
