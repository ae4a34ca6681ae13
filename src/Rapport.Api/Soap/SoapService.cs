using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Rapport.Api.Auth;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Api.Records;
using Rapport.Domain.Metadata;
using static Rapport.Api.Soap.SoapNames;

namespace Rapport.Api.Soap;

/// <summary>
/// Runs a SOAP operation through the same <see cref="RecordOperations"/> as the REST endpoints: the
/// request element becomes the JSON a REST client would send, and the result is written back in the
/// object's complex type. No business rule lives here.
/// </summary>
public sealed class SoapService(RecordOperations ops, Database database, SchemaRegistry schemas)
{
    /// <summary>Every object's schema as it is now, custom fields included: what the WSDL describes.</summary>
    public async Task<IReadOnlyList<ObjectSchema>> SchemasAsync(CancellationToken ct)
    {
        var all = new List<ObjectSchema>(StandardObjects.All.Count);
        foreach (var def in StandardObjects.All) all.Add(await schemas.GetAsync(def, ct));
        return all;
    }

    public static string RequiredScope(SoapVerb verb) => verb is SoapVerb.Retrieve or SoapVerb.Query or SoapVerb.Describe ? Scopes.Read : Scopes.Write;

    /// <summary>Runs the operation and returns the writer of its response element.</summary>
    public async Task<Action<XmlWriter>> InvokeAsync(SoapOperation op, XElement request, Actor actor, CancellationToken ct)
    {
        var def = op.Object;
        var schema = await schemas.GetAsync(def, ct);
        var response = op.Name + "Response";
        var recordName = RecordElement(def);
        switch (op.Verb)
        {
            case SoapVerb.Create:
            {
                var body = Record(request, schema);
                var result = await database.WriteAsync((s, c) => ops.CreateAsync(s, def, body, actor, null, c), ct);
                return Respond(response, w => WriteRecord(w, recordName, schema, result));
            }
            case SoapVerb.Retrieve:
            {
                var result = await ops.GetAsync(null, def, Id(request, def), ct);
                return Respond(response, w => WriteRecord(w, recordName, schema, result));
            }
            case SoapVerb.Update:
            {
                var id = Id(request, def);
                var version = Version(request);
                var patch = Record(request, schema);
                var result = await database.WriteAsync((s, c) => ops.PatchAsync(s, def, id, patch, version, actor, c), ct);
                return Respond(response, w => WriteRecord(w, recordName, schema, result));
            }
            case SoapVerb.Delete:
            {
                var id = Id(request, def);
                var version = Version(request);
                await database.WriteAsync((s, c) => ops.DeleteAsync(s, def, id, version, actor, c), ct);
                return Respond(response, w => w.WriteElementString("id", Namespace, id.ToString()));
            }
            case SoapVerb.Upsert:
            {
                var system = Text(request, "system");
                var externalId = Text(request, "externalId");
                var body = Record(request, schema);
                var result = await database.WriteAsync((s, c) => ops.UpsertAsync(s, def, system, externalId, body, actor, c), ct);
                return Respond(response, w =>
                {
                    w.WriteElementString("created", Namespace, result.Status == 201 ? "true" : "false");
                    WriteRecord(w, recordName, schema, result);
                });
            }
            case SoapVerb.Query:
            {
                var result = await ops.ListAsync(null, def, QueryParameters(request), ct);
                var page = (JsonObject)result.ToJson()!;
                return Respond(response, w =>
                {
                    foreach (var record in (JsonArray)page["data"]!) SoapRecordXml.Write(w, recordName, schema, (JsonObject)record!);
                    if (result.NextCursor is { } next) w.WriteElementString("nextCursor", Namespace, next);
                });
            }
            default:
                return Respond(response, w => SoapDescription.Write(w, schema));
        }
    }

    /// <summary>The conditions and paging of a Query element as the query string of a REST list call.</summary>
    private static List<KeyValuePair<string, string>> QueryParameters(XElement request)
    {
        var query = new List<KeyValuePair<string, string>>();
        foreach (var where in request.Elements(XName.Get("where", Namespace)))
        {
            var field = SoapRecordXml.Child(where, "field")?.Value.Trim();
            var op = SoapRecordXml.Child(where, "operator")?.Value.Trim() ?? "eq";
            if (string.IsNullOrEmpty(field)) throw SoapFaultException.Sender("Each where condition needs a field.", "where");
            if (!SoapSchemaWriter.Operators.Contains(op))
                throw SoapFaultException.Sender($"The operator '{op}' is unknown; use one of {string.Join(", ", SoapSchemaWriter.Operators)}.", "where." + field);
            var value = SoapRecordXml.Child(where, "value")?.Value ?? (op == "isNull" ? "true" : "");
            query.Add(new(op == "eq" ? field : $"{field}[{op}]", value));
        }
        foreach (var name in new[] { "q", "sort", "fields", "limit", "cursor" })
            if (SoapRecordXml.Child(request, name) is { } e) query.Add(new(name, e.Value.Trim()));
        return query;
    }

    private static Action<XmlWriter> Respond(string element, Action<XmlWriter> content) => w =>
    {
        w.WriteStartElement(element, Namespace);
        content(w);
        w.WriteEndElement();
    };

    private static void WriteRecord(XmlWriter w, string element, ObjectSchema schema, OperationResult result) =>
        SoapRecordXml.Write(w, element, schema, (JsonObject)result.ToJson()!);

    private static JsonObject Record(XElement request, ObjectSchema schema)
    {
        var name = RecordElement(schema.Definition);
        var record = SoapRecordXml.Child(request, name) ?? throw SoapFaultException.Sender($"The request needs a {name} element.", name);
        return SoapRecordXml.Read(record, schema);
    }

    private static Guid Id(XElement request, ObjectDef def) => RecordOperations.ParseId(def, Text(request, "id"));

    private static long? Version(XElement request)
    {
        var text = SoapRecordXml.Child(request, "version")?.Value.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, out var v) && v > 0 ? v : throw SoapFaultException.Sender("version must be a positive whole number, the record's current version.", "version");
    }

    private static string Text(XElement request, string name)
    {
        var text = SoapRecordXml.Child(request, name)?.Value.Trim();
        return string.IsNullOrEmpty(text) ? throw SoapFaultException.Sender($"The request needs a non-empty {name} element.", name) : text;
    }
}
