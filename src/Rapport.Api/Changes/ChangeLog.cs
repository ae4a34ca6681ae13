using System.Buffers;
using System.Text;
using System.Text.Json;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Data.Quality;
using Rapport.Data.Records;
using Rapport.Data.Changes;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Integration.Formats;

namespace Rapport.Api.Changes;

/// <summary>
/// Records changes of records in the change table, in the caller's transaction: every write path
/// (REST, batch, import, merge and undo, restore, lead conversion) calls this next to its write, so a
/// change is in the feed exactly when the write committed. The record is kept as it was after the
/// change, in its API JSON, so consumers (feed, webhooks, bus) send what happened, not a later state.
/// </summary>
public static class ChangeLog
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    public static Task CreatedAsync(DbSession s, ObjectSchema schema, Record record, Actor actor, CancellationToken ct) =>
        ChangeStore.AddAsync(s, [Entry(schema, record, ChangeOps.Created, ChangedFields.Between(schema.Definition, null, record), actor.ClientId, actor.UserId)], ct);

    /// <summary>Records an update (or <paramref name="op"/>) from the record before and after it.</summary>
    public static Task ChangedAsync(DbSession s, ObjectSchema schema, Record before, Record after, Actor actor, CancellationToken ct, string op = ChangeOps.Updated) =>
        ChangeStore.AddAsync(s, [Entry(schema, after, op, ChangedFields.Between(schema.Definition, before, after), actor.ClientId, actor.UserId)], ct);

    /// <summary>Records a change whose changed fields the caller knows (deleted, restored and merged name none).</summary>
    public static Task RecordAsync(DbSession s, ObjectSchema schema, Record record, string op, IReadOnlyList<string> changedFields, Actor actor, CancellationToken ct) =>
        ChangeStore.AddAsync(s, [Entry(schema, record, op, changedFields, actor.ClientId, actor.UserId)], ct);

    /// <summary>Records that a record was merged into <paramref name="survivor"/> (and so deleted).</summary>
    public static Task MergedAsync(DbSession s, ObjectSchema schema, Record merged, Guid survivor, Actor actor, CancellationToken ct) =>
        ChangeStore.AddAsync(s, [Entry(schema, merged, ChangeOps.Merged, [], actor.ClientId, actor.UserId) with { MergedInto = survivor }], ct);

    /// <summary>
    /// Records the records whose relation a merge (or its undo) pointed elsewhere, as updates of that
    /// relation field, read back as they are now. Deleted records are left out: the feed shows them gone.
    /// </summary>
    public static async Task RelationsMovedAsync(DbSession s, SchemaRegistry schemas, IEnumerable<ReferenceMove> moves, Actor actor, CancellationToken ct)
    {
        foreach (var group in moves.GroupBy(m => m.Object))
        {
            var def = StandardObjects.Find(group.Key);
            if (def is null) continue;
            var schema = await schemas.GetAsync(def, ct);
            var fields = group.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.Select(m => m.Field).Distinct().ToList());
            var records = await RecordStore.GetManyAsync(s, def, fields.Keys, ct);
            var entries = records.Values.Select(r => Entry(schema, r, ChangeOps.Updated, fields[r.Id], actor.ClientId, actor.UserId)).ToList();
            await ChangeStore.AddAsync(s, entries, ct);
        }
    }

    public static ChangeEntry Entry(ObjectSchema schema, Record record, string op, IReadOnlyList<string> changedFields, string clientId, Guid? userId) =>
        new(schema.Name, record.Id, op, record.UpdatedAt, record.Version, Plain(clientId), userId, FieldsJson(changedFields), RecordJson(schema, record));

    /// <summary>
    /// Client ids are generated (<c>rpc_…</c>) or fixed (<c>system</c>, <c>cli</c>); the feed's JSON is put
    /// together without escaping them (<see cref="ChangeStore.WriteJsonAsync"/>), so anything else is stored escaped.
    /// </summary>
    private static string Plain(string clientId) =>
        clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':') ? clientId : JsonEncodedText.Encode(clientId).Value;

    private static string RecordJson(ObjectSchema schema, Record record)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var w = _writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        w.Reset(buffer);
        RecordJsonWriter.Write(w, schema, record);
        w.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string FieldsJson(IReadOnlyList<string> fields) => fields.Count == 0 ? "[]" : JsonSerializer.Serialize(fields);
}
