using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Rapport.Api.Errors;
using Rapport.Integration.Formats;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;

namespace Rapport.Api.Http;

/// <summary>Writes records, lists, generic payloads and problems in the format the client accepts.</summary>
public static class ResponseWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = RecordJson.Options.Encoder, SkipValidation = true };

    public static async Task WriteRecordAsync(HttpContext ctx, ObjectSchema schema, Record record, int status, IReadOnlySet<string>? fields = null)
    {
        var format = Negotiation.Accepted(ctx.Request, csvAllowed: false);
        if (format is null) { await NotAcceptableAsync(ctx, "application/json, application/xml"); return; }
        ctx.Response.StatusCode = status;
        ctx.Response.Headers.ETag = $"\"{record.Version}\"";
        if (format == MediaFormat.Xml)
        {
            var node = RecordJsonWriter.ToNode(schema, record, fields);
            await WriteXmlAsync(ctx, "application/xml", w => XmlRecordWriter.WriteRecord(w, schema, node));
            return;
        }
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await using (var w = new Utf8JsonWriter(ctx.Response.BodyWriter, WriterOptions))
            RecordJsonWriter.Write(w, schema, record, fields);
        await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    public static async Task WriteListAsync(HttpContext ctx, ObjectSchema schema, IReadOnlyList<Record> records, string? nextCursor, IReadOnlySet<string>? fields)
    {
        var format = Negotiation.Accepted(ctx.Request, csvAllowed: true);
        if (format is null) { await NotAcceptableAsync(ctx, "application/json, application/xml, text/csv"); return; }
        ctx.Response.StatusCode = 200;
        if (nextCursor is not null) ctx.Response.Headers["X-Next-Cursor"] = nextCursor;
        switch (format)
        {
            case MediaFormat.Xml:
                var nodes = records.Select(r => RecordJsonWriter.ToNode(schema, r, fields)).ToList();
                await WriteXmlAsync(ctx, "application/xml", w => XmlRecordWriter.WriteList(w, schema, nodes, nextCursor));
                return;
            case MediaFormat.Csv:
                var rows = records.Select(r => RecordJsonWriter.ToNode(schema, r, fields)).ToList();
                var columns = CsvListWriter.Columns(schema, rows, fields);
                ctx.Response.ContentType = "text/csv; charset=utf-8";
                var sb = new StringWriter(new StringBuilder(4096));
                CsvListWriter.Write(sb, columns, rows);
                await ctx.Response.WriteAsync(sb.ToString(), Encoding.UTF8, ctx.RequestAborted);
                return;
        }
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await using (var w = new Utf8JsonWriter(ctx.Response.BodyWriter, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var r in records) RecordJsonWriter.Write(w, schema, r, fields);
            w.WriteEndArray();
            w.WriteString("nextCursor", nextCursor);
            w.WriteEndObject();
        }
        await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>A page whose records are already JSON (built by the database): copied into the envelope as they are.</summary>
    public static async Task WriteJsonListAsync(HttpContext ctx, IReadOnlyList<byte[]> documents, string? nextCursor)
    {
        ctx.Response.StatusCode = 200;
        if (nextCursor is not null) ctx.Response.Headers["X-Next-Cursor"] = nextCursor;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await using (var w = new Utf8JsonWriter(ctx.Response.BodyWriter, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var document in documents) w.WriteRawValue(document, skipInputValidation: true);
            w.WriteEndArray();
            w.WriteString("nextCursor", nextCursor);
            w.WriteEndObject();
        }
        await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>Any other payload (metadata, batch results, tokens): JSON, or XML under <paramref name="xmlRoot"/>.</summary>
    public static async Task WriteNodeAsync(HttpContext ctx, JsonNode? node, int status, string xmlRoot)
    {
        var format = Negotiation.Accepted(ctx.Request, csvAllowed: false);
        if (format is null) { await NotAcceptableAsync(ctx, "application/json, application/xml"); return; }
        ctx.Response.StatusCode = status;
        if (format == MediaFormat.Xml)
        {
            await WriteXmlAsync(ctx, "application/xml", w => XmlRecordWriter.WriteGeneric(w, xmlRoot, node));
            return;
        }
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(node?.ToJsonString(RecordJson.Options) ?? "null", Encoding.UTF8, ctx.RequestAborted);
    }

    public static async Task WriteProblemAsync(HttpContext ctx, Problem problem)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = problem.Status;
        var json = problem.ToJson(Activity.Current?.Id ?? ctx.TraceIdentifier);
        if (Negotiation.Accepted(ctx.Request, csvAllowed: false) == MediaFormat.Xml)
        {
            await WriteXmlAsync(ctx, "application/problem+xml", w => XmlRecordWriter.WriteGeneric(w, "problem", json));
            return;
        }
        ctx.Response.ContentType = "application/problem+json; charset=utf-8";
        await ctx.Response.WriteAsync(json.ToJsonString(RecordJson.Options), Encoding.UTF8, ctx.RequestAborted);
    }

    private static Task NotAcceptableAsync(HttpContext ctx, string offered)
    {
        ctx.Response.StatusCode = 406;
        ctx.Response.ContentType = "application/problem+json; charset=utf-8";
        var problem = new Problem(406, "Not Acceptable", $"This call can answer in: {offered}.").ToJson(Activity.Current?.Id ?? ctx.TraceIdentifier);
        return ctx.Response.WriteAsync(problem.ToJsonString(RecordJson.Options), Encoding.UTF8, ctx.RequestAborted);
    }

    private static async Task WriteXmlAsync(HttpContext ctx, string contentType, Action<XmlWriter> write)
    {
        ctx.Response.ContentType = contentType + "; charset=utf-8";
        var text = XmlRecordWriter.ToXmlString(write);
        await ctx.Response.WriteAsync(text, Encoding.UTF8, ctx.RequestAborted);
    }
}
