using Rapport.Integration.Formats;
using Rapport.Api.Records;

namespace Rapport.Api.Http;

/// <summary>Sends an <see cref="OperationResult"/> as an HTTP response in the negotiated format.</summary>
public sealed class OperationResponse(OperationResult result) : IResult
{
    public async Task ExecuteAsync(HttpContext ctx)
    {
        if (result.Location is not null) ctx.Response.Headers.Location = result.Location;
        if (result.Status == 204) { ctx.Response.StatusCode = 204; return; }
        if (result.Record is not null) { await ResponseWriter.WriteRecordAsync(ctx, result.Schema!, result.Record, result.Status, result.Fields); return; }
        if (result.Records is not null) { await ResponseWriter.WriteListAsync(ctx, result.Schema!, result.Records, result.NextCursor, result.Fields); return; }
        if (result.Documents is not null) { await ResponseWriter.WriteJsonListAsync(ctx, result.Documents, result.NextCursor); return; }
        if (result.ETag is not null) ctx.Response.Headers.ETag = result.ETag;
        if (result.Schema is not null && result.Node is System.Text.Json.Nodes.JsonObject replay
            && Negotiation.Accepted(ctx.Request, csvAllowed: false) == MediaFormat.Xml)
        {
            ctx.Response.StatusCode = result.Status;
            ctx.Response.ContentType = "application/xml; charset=utf-8";
            await ctx.Response.WriteAsync(XmlRecordWriter.ToXmlString(w => XmlRecordWriter.WriteRecord(w, result.Schema, replay)));
            return;
        }
        await ResponseWriter.WriteNodeAsync(ctx, result.Node, result.Status, "result");
    }
}
