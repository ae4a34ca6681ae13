using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Errors;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;

namespace Rapport.Api.Records;

/// <summary>
/// The REST record calls of contract §3 as plain methods, shared by the HTTP endpoints and the
/// batch endpoint. Write methods take the session so a batch can run many in one transaction.
/// </summary>
public sealed class RecordOperations(Database database, SchemaRegistry schemas, RecordService records, SigningKeys keys)
{
    public static ObjectDef Resolve(string objectName) =>
        StandardObjects.Find(objectName) ?? throw ApiException.NotFound(
            $"There is no object '{objectName}'. Objects: {string.Join(", ", StandardObjects.All.Select(o => o.Name))}.");

    public static Guid ParseId(ObjectDef def, string id) =>
        Guid.TryParse(id, out var g) ? g : throw ApiException.NotFound($"No {def.Name} record with id '{id}'.");

    public ValueTask<ObjectSchema> SchemaAsync(ObjectDef def, CancellationToken ct) => schemas.GetAsync(def, ct);

    /// <param name="json">The caller sends JSON: on SQLite a page sorted by id may then come as JSON built by the database.</param>
    public async Task<OperationResult> ListAsync(DbSession? session, ObjectDef def, IEnumerable<KeyValuePair<string, string>> query, CancellationToken ct, bool json = false)
    {
        var schema = await schemas.GetAsync(def, ct);
        var parsed = ListQueryParser.Parse(schema, query, new CursorCodec(keys.CursorKey));
        var s = session ?? await database.ReadAsync(ct);
        try
        {
            if (json && await RecordStore.ListJsonAsync(s, schema, parsed, ct) is { } built)
            {
                var cursor = built.More && built.LastId is { } last
                    ? new CursorCodec(keys.CursorKey).Encode(parsed.SortSpec, [QueryValues.ToText(last)])
                    : null;
                return new OperationResult { Status = 200, Schema = schema, Documents = built.Documents, NextCursor = cursor, Fields = parsed.Fields };
            }
            var (page, more) = await RecordStore.ListAsync(s, def, parsed, ct);
            string? next = null;
            if (more && page.Count > 0)
            {
                var sortKeys = ListSqlBuilder.EffectiveKeys(parsed);
                next = new CursorCodec(keys.CursorKey).Encode(parsed.SortSpec, SortValues.Of(page[^1], def, sortKeys));
            }
            return new OperationResult { Status = 200, Schema = schema, Records = page, NextCursor = next, Fields = parsed.Fields };
        }
        finally
        {
            if (session is null) await s.DisposeAsync();
        }
    }

    public async Task<OperationResult> GetAsync(DbSession? session, ObjectDef def, Guid id, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        var s = session ?? await database.ReadAsync(ct);
        try
        {
            return OperationResult.Of(200, schema, await records.GetAsync(s, def, id, ct));
        }
        finally
        {
            if (session is null) await s.DisposeAsync();
        }
    }

    public async Task<OperationResult> CreateAsync(DbSession s, ObjectDef def, JsonObject body, Actor actor, string? idempotencyKey, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        string? hash = null;
        if (idempotencyKey is not null)
        {
            Idempotency.CheckKey(idempotencyKey);
            hash = Idempotency.Hash("POST", "/api/v1/" + def.Name, body);
            var stored = await Idempotency.FindAsync(s, actor.ClientId, idempotencyKey, ct);
            if (stored is not null)
            {
                if (stored.RequestHash != hash)
                    throw new ApiException(422, "Unprocessable Content", "This Idempotency-Key was already used with a different request body; use a new key for a new request.");
                return new OperationResult
                {
                    Status = stored.Status, Schema = schema, Location = stored.Location, ETag = stored.ETag,
                    Node = stored.Body is null ? null : JsonNode.Parse(stored.Body),
                };
            }
        }
        var record = await records.CreateAsync(s, schema, body, actor, ct);
        var result = OperationResult.Of(201, schema, record, $"/api/v1/{def.Name}/{record.Id}");
        if (idempotencyKey is not null) await Idempotency.SaveAsync(s, actor.ClientId, idempotencyKey, hash!, result, ct);
        return result;
    }

    public async Task<OperationResult> PatchAsync(DbSession s, ObjectDef def, Guid id, JsonObject patch, long? ifMatch, Actor actor, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        return OperationResult.Of(200, schema, await records.PatchAsync(s, schema, id, patch, ifMatch, actor, ct));
    }

    public async Task<OperationResult> UpsertAsync(DbSession s, ObjectDef def, string system, string externalId, JsonObject body, Actor actor, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        var (record, created) = await records.UpsertAsync(s, schema, system, externalId, body, actor, ct);
        return OperationResult.Of(created ? 201 : 200, schema, record, created ? $"/api/v1/{def.Name}/{record.Id}" : null);
    }

    public async Task<OperationResult> DeleteAsync(DbSession s, ObjectDef def, Guid id, long? ifMatch, Actor actor, CancellationToken ct)
    {
        await records.DeleteAsync(s, await schemas.GetAsync(def, ct), id, ifMatch, actor, ct);
        return new OperationResult { Status = 204 };
    }

    public async Task<OperationResult> RestoreAsync(DbSession s, ObjectDef def, Guid id, Actor actor, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        return OperationResult.Of(200, schema, await records.RestoreAsync(s, schema, id, actor, ct));
    }

    /// <summary>Parses <c>If-Match</c>: <c>"3"</c>, <c>W/"3"</c> or <c>*</c>.</summary>
    public static long? ParseIfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return null;
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        text = text.Trim('"');
        return long.TryParse(text, out var v) && v > 0 ? v : throw ApiException.BadRequest("If-Match", "must be an ETag of this API, such as \"3\"");
    }
}
