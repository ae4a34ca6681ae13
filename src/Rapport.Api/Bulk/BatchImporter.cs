using Rapport.Api.Changes;
using Rapport.Data.Changes;
using Rapport.Data.Quality;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Errors;
using Rapport.Api.Metadata;
using Rapport.Api.Records;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Domain.Merging;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Domain.Validation;
using Rapport.Integration.Formats;
using Rapport.Integration.Mapping;

namespace Rapport.Api.Bulk;

/// <summary>
/// Imports one batch of source rows: <see cref="PrepareAsync"/> maps, links relations by natural keys,
/// finds the records the rows match and validates everything (reads only); <see cref="WriteAsync"/>
/// writes in the caller's transaction. Lookups run once per batch, not per row. A row that fails is reported, never half-written: with <c>safe</c> every row runs in its
/// own savepoint (used to re-run a batch in which the database itself refused a row).
/// </summary>
internal sealed class BatchImporter(RecordService records, SchemaRegistry schemas, ObjectSchema schema, RowMapper mapper, ImportOptions options, Guid owner, string clientId)
{
    private readonly Dictionary<string, Guid> _relationCache = new(StringComparer.Ordinal);
    private readonly HashSet<(string Table, Guid Id)> _knownReferences = [];
    private readonly bool _checksUnique = schema.Definition.Fields.Any(f => f.Unique) || schema.CustomFields.Any(f => f.Unique);

    /// <summary>
    /// Whether batches can be prepared ahead of the batch being written (on another core): only when a
    /// row can never depend on rows of the batch before it — no matching, and no relation from the
    /// object to itself (a parent account further up the file).
    /// </summary>
    public static bool CanPrepareAhead(ObjectSchema schema, ImportOptions options) =>
        options.MatchOn is null && !schema.Definition.Fields.Any(f => f.Kind == FieldKind.Reference && f.Target == schema.Name);

    /// <summary>Everything before writing: map, link relations, match, check ids, validate, check references. Reads only.</summary>
    internal async Task<List<ImportRow>> PrepareAsync(DbSession s, IReadOnlyList<SourceRow> source, CancellationToken ct)
    {
        var rows = source.Select(Map).ToList();
        await LinkRelationsAsync(s, rows, ct);
        await LinkLineProductsAsync(s, rows, ct);
        await MatchAsync(s, rows, ct);
        await CheckIdsAsync(s, rows, ct);
        await PrepareRowsAsync(rows, ct);
        await CheckReferencesAsync(s, rows, ct);
        foreach (var row in rows) row.ReleaseBody();
        return rows;
    }

    internal static (JobCounts Counts, List<RowError> Errors) Tally(List<ImportRow> rows)
    {
        var counts = new JobCounts { Read = rows.Count };
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            if (row.Failed) { counts.Failed++; errors.Add(row.ToError()); continue; }
            switch (row.Outcome)
            {
                case RowOutcome.Create: counts.Created++; break;
                case RowOutcome.Update: counts.Updated++; break;
                case RowOutcome.Merge: counts.Merged++; break;
                case RowOutcome.Skip: counts.Skipped++; break;
                case RowOutcome.Unchanged: counts.Unchanged++; break;
            }
        }
        return (counts, errors);
    }

    private ImportRow Map(SourceRow source)
    {
        var row = new ImportRow(source);
        if (source.Error is not null) { row.Reasons.Add(new RowReason(null, null, source.Error)); return row; }
        var mapped = mapper.Map(source);
        row.Body = mapped.Body;
        row.Columns = mapped.Columns; // the mapping plan's, shared by every row it maps
        foreach (var e in mapped.Errors) row.Reasons.Add(new RowReason(e.Column, e.Field, $"{e.Message} (value '{e.Value}')"));
        TakeSystemValues(row);
        foreach (var relation in mapped.Relations.Values) row.Relations.Add(relation);
        return row;
    }

    /// <summary>id, createdAt, updatedAt and version are kept from the file when a row creates a record, so a migration keeps its history.</summary>
    private static void TakeSystemValues(ImportRow row)
    {
        var body = row.Body;
        if (body.Remove(SystemFields.Id, out var id) && id is not null)
        {
            if (Guid.TryParse(id.ToString(), out var guid) && guid != Guid.Empty) row.Id = guid;
            else row.Fail(SystemFields.Id, "must be a UUID");
        }
        if (body.Remove(SystemFields.CreatedAt, out var created) && created is not null)
        {
            if (Timestamps.TryParseInstant(created.ToString(), out var t)) row.CreatedAt = Timestamps.Truncate(t);
            else row.Fail(SystemFields.CreatedAt, "must be an ISO 8601 date and time");
        }
        if (body.Remove(SystemFields.UpdatedAt, out var updated) && updated is not null)
        {
            if (Timestamps.TryParseInstant(updated.ToString(), out var t)) row.UpdatedAt = Timestamps.Truncate(t);
            else row.Fail(SystemFields.UpdatedAt, "must be an ISO 8601 date and time");
        }
        if (body.Remove(SystemFields.Version, out var version) && version is not null)
        {
            if (long.TryParse(version.ToString(), out var v) && v >= 1) row.Version = v;
            else row.Fail(SystemFields.Version, "must be a whole number of at least 1");
        }
        if (row.CreatedAt is { } c && row.UpdatedAt is { } u && u < c) row.Fail(SystemFields.UpdatedAt, "is before createdAt");
    }

    private async Task LinkRelationsAsync(DbSession s, List<ImportRow> rows, CancellationToken ct)
    {
        var wanted = new Dictionary<(string Target, string Path), HashSet<string>>();
        foreach (var row in rows)
            foreach (var r in row.Relations)
            {
                var key = KeyLookup.Normalize(r.KeyPath, r.Value);
                if (_relationCache.ContainsKey(CacheKey(r.TargetObject, r.KeyPath, key))) continue;
                if (!wanted.TryGetValue((r.TargetObject, r.KeyPath), out var set)) wanted[(r.TargetObject, r.KeyPath)] = set = new(StringComparer.Ordinal);
                set.Add(key);
            }
        var ambiguous = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ((target, path), values) in wanted)
        {
            Dictionary<string, List<Guid>> found;
            if (target == UserLookup.Target)
            {
                if (UserLookup.Problem(path) is not null) continue;
                found = await UserLookup.FindAsync(s, path, values, ct);
            }
            else
            {
                var def = StandardObjects.Find(target);
                if (def is null) continue;
                var targetSchema = await schemas.GetAsync(def, ct);
                if (KeyLookup.Problem(targetSchema, path) is not null) continue;
                found = await KeyLookup.FindAsync(s, targetSchema, path, values, ct);
            }
            foreach (var (value, ids) in found)
            {
                if (ids.Count == 1) _relationCache[CacheKey(target, path, value)] = ids[0];
                else ambiguous[CacheKey(target, path, value)] = ids.Count;
            }
        }
        foreach (var row in rows)
            foreach (var r in row.Relations)
            {
                var def = StandardObjects.Find(r.TargetObject);
                var singular = def?.Singular ?? (r.TargetObject == UserLookup.Target ? "user" : r.TargetObject);
                var problem = r.TargetObject == UserLookup.Target ? UserLookup.Problem(r.KeyPath)
                    : def is null ? $"refers to an unknown object '{r.TargetObject}'" : KeyLookup.Problem(await schemas.GetAsync(def, ct), r.KeyPath);
                if (problem is not null) { row.Reasons.Add(new RowReason(r.Column, r.Field, $"{r.KeyPath} {problem}")); continue; }
                var key = CacheKey(r.TargetObject, r.KeyPath, KeyLookup.Normalize(r.KeyPath, r.Value));
                if (_relationCache.TryGetValue(key, out var id)) { row.Body[r.Field] = id.ToString(); continue; }
                row.Reasons.Add(new RowReason(r.Column, r.Field, ambiguous.TryGetValue(key, out var n)
                    ? $"{n} {r.TargetObject} have {r.KeyPath} '{r.Value}'; link by a key that is unique, such as externalIds.<system>"
                    : $"no {singular} with {r.KeyPath} '{r.Value}'"));
            }
    }

    /// <summary>
    /// Lines (order lines, opportunity line items) that name their product by <c>sku</c> but carry no
    /// <c>productId</c> get it looked up, a batch at a time; an unknown SKU rejects the row.
    /// </summary>
    private async Task LinkLineProductsAsync(DbSession s, List<ImportRow> rows, CancellationToken ct)
    {
        var arrays = schema.Definition.Fields
            .Where(f => f.Kind == FieldKind.Array && f.Children is { } items
                && items.Any(c => c.Name == "productId" && c.Target == StandardObjects.Products.Name) && items.Any(c => c.Name == "sku"))
            .Select(f => f.Name).ToList();
        if (arrays.Count == 0) return;
        var lines = new List<(ImportRow Row, string Path, JsonObject Line, string Sku)>();
        foreach (var row in rows.Where(r => !r.Failed))
            foreach (var array in arrays)
                if (row.Body[array] is JsonArray items)
                    for (var i = 0; i < items.Count; i++)
                        if (items[i] is JsonObject line && line["productId"] is null && line["sku"] is JsonValue sku && sku.TryGetValue(out string? text) && text.Length > 0)
                            lines.Add((row, $"{array}[{i}].sku", line, text.Trim()));
        if (lines.Count == 0) return;
        var products = await schemas.GetAsync(StandardObjects.Products, ct);
        var missing = lines.Select(l => l.Sku).Where(k => !_relationCache.ContainsKey(CacheKey(products.Name, "sku", k))).Distinct().ToList();
        foreach (var (sku, ids) in await KeyLookup.FindAsync(s, products, "sku", missing, ct))
            if (ids.Count == 1) _relationCache[CacheKey(products.Name, "sku", sku)] = ids[0];
        foreach (var (row, path, line, sku) in lines)
        {
            if (_relationCache.TryGetValue(CacheKey(products.Name, "sku", sku), out var id)) line["productId"] = id.ToString();
            else row.Fail(path, $"no product with sku '{sku}'");
        }
    }

    private static string CacheKey(string target, string path, string value) => $"{target}\u001f{path}\u001f{value}";

    /// <summary>Finds the existing record each row matches (<c>--match-on</c>); a later row with the key of an earlier one in the batch matches that one.</summary>
    private async Task MatchAsync(DbSession s, List<ImportRow> rows, CancellationToken ct)
    {
        if (options.MatchOn is not { } keyPath) return;
        foreach (var row in rows.Where(r => !r.Failed))
            row.MatchKey = KeyOf(row, keyPath) is { } k ? KeyLookup.Normalize(keyPath, k) : null;
        var keys = rows.Where(r => r.MatchKey is not null).Select(r => r.MatchKey!).ToList();
        if (keys.Count == 0) return;
        var found = await KeyLookup.FindAsync(s, schema, keyPath, keys, ct);
        var current = await RecordStore.GetManyAsync(s, schema.Definition, found.Values.Where(ids => ids.Count == 1).Select(ids => ids[0]).ToList(), ct);
        foreach (var row in rows.Where(r => r.MatchKey is not null && !r.Failed))
        {
            if (!found.TryGetValue(row.MatchKey!, out var ids)) continue;
            if (ids.Count > 1) { row.Fail(keyPath, $"matches {ids.Count} existing {schema.Name} ({string.Join(", ", ids.Take(3))}); the match key must be unique"); continue; }
            if (current.TryGetValue(ids[0], out var record)) row.Current = record;
        }
    }

    private static string? KeyOf(ImportRow row, string keyPath)
    {
        if (keyPath == SystemFields.Id) return row.Id?.ToString();
        var body = row.Body;
        if (keyPath.StartsWith(SystemFields.ExternalIds + ".", StringComparison.Ordinal))
            return (body[SystemFields.ExternalIds] as JsonObject)?[keyPath[(SystemFields.ExternalIds.Length + 1)..]]?.ToString();
        if (keyPath.StartsWith(SystemFields.Custom + ".", StringComparison.Ordinal))
            return Text((body[SystemFields.Custom] as JsonObject)?[keyPath[(SystemFields.Custom.Length + 1)..]]);
        var array = keyPath switch { "email" => "emails", "phone" => "phones", _ => null };
        if (array is not null && body[array] is JsonArray items)
        {
            var property = keyPath == "email" ? "address" : "number";
            JsonNode? chosen = items.FirstOrDefault(i => i?["primary"] is JsonValue p && p.TryGetValue(out bool b) && b) ?? items.FirstOrDefault();
            return Text(chosen?[property]);
        }
        return Text(body[keyPath]);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v ? (v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()) : null;

    /// <summary>A row that brings its own id and creates must not take an id that exists (live or deleted).</summary>
    private async Task CheckIdsAsync(DbSession s, List<ImportRow> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => !r.Failed && r.Current is null && r.Id is not null).Select(r => r.Id!.Value).ToList();
        if (ids.Count == 0) return;
        var taken = await RecordStore.ExistingIdsAsync(s, schema.Definition.Table, ids, liveOnly: false, ct);
        var seen = new HashSet<Guid>();
        foreach (var row in rows.Where(r => !r.Failed && r.Current is null && r.Id is not null))
        {
            var sameKeyEarlier = options.MatchOn == SystemFields.Id && seen.Contains(row.Id!.Value);
            if (sameKeyEarlier) continue;
            if (taken.Contains(row.Id!.Value))
                row.Fail(SystemFields.Id, options.MatchOn is null
                    ? $"a {schema.Definition.Singular} with id {row.Id} already exists; import with --match-on id to update it"
                    : $"a {schema.Definition.Singular} with id {row.Id} already exists (it may be deleted)");
            else if (!seen.Add(row.Id!.Value) && options.MatchOn != SystemFields.Id)
                row.Fail(SystemFields.Id, $"id {row.Id} appears on an earlier row of the file");
        }
    }

    /// <summary>Validates each row into the record it will store; rows sharing a match key chain onto each other in file order.</summary>
    private async Task PrepareRowsAsync(List<ImportRow> rows, CancellationToken ct)
    {
        var byKey = new Dictionary<string, ImportRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Failed) continue;
            // A later row with the same key builds on what the earlier one will have stored.
            if (row.MatchKey is not null && byKey.TryGetValue(row.MatchKey, out var earlier) && earlier.Prepared is not null)
                row.Current = earlier.Prepared;
            try
            {
                if (row.Current is null) await PrepareCreateAsync(row, ct);
                else await PrepareMatchedAsync(row, ct);
            }
            catch (ValidationException e)
            {
                foreach (var (field, messages) in e.Errors)
                    foreach (var message in messages) row.Fail(field, message);
            }
            catch (ApiException e)
            {
                if (e.Errors is { Count: > 0 } errors)
                    foreach (var (field, messages) in errors) foreach (var m in messages) row.Fail(field, m);
                else row.Fail(null, e.Message);
            }
            if (!row.Failed && row.MatchKey is not null && row.Prepared is not null) byKey[row.MatchKey] = row;
        }
    }

    private async Task PrepareCreateAsync(ImportRow row, CancellationToken ct)
    {
        var (record, validated) = await records.PrepareCreateAsync(schema, row.Body, owner, ct);
        if (row.Id is { } id) record.Id = id;
        if (row.CreatedAt is { } created) { record.CreatedAt = created; record.UpdatedAt = row.UpdatedAt ?? created; }
        else if (row.UpdatedAt is { } updated && updated > record.CreatedAt) record.UpdatedAt = updated;
        if (row.Version is { } version) record.Version = version;
        row.Prepared = record;
        row.Validated = validated;
        row.Outcome = RowOutcome.Create;
        row.Change = Change(record, null);
        row.Audit = RecordService.NormalisationAudit(schema.Definition, record, clientId);
    }

    private async Task PrepareMatchedAsync(ImportRow row, CancellationToken ct)
    {
        var current = row.Current!;
        if (options.OnDuplicate == DuplicateAction.Skip) { row.Outcome = RowOutcome.Skip; return; }
        var patch = options.OnDuplicate == DuplicateAction.Merge ? MergeInto(current, row.Body) : row.Body;
        var (next, validated, unchanged) = await records.PreparePatchAsync(schema, current, patch, ct);
        row.Validated = validated;
        if (unchanged) { row.Outcome = RowOutcome.Unchanged; row.Prepared = current; return; }
        row.Prepared = next;
        row.Audit = RecordService.NormalisationAudit(schema.Definition, next, clientId);
        row.Outcome = options.OnDuplicate == DuplicateAction.Merge ? RowOutcome.Merge : RowOutcome.Update;
    }

    /// <summary>
    /// <c>--on-duplicate merge</c>: the row merges into the record it matched by the same survivorship as
    /// <c>POST /{object}/merge</c>, the stored record surviving: what it has stays, what it lacks comes from
    /// the row, email and phone lists are united. Keys the merge does not know stay in the patch so the
    /// validator still names them.
    /// </summary>
    private JsonObject MergeInto(Record current, JsonObject incoming)
    {
        var existing = new MergeCandidate(current.Id, RecordJsonWriter.ToNode(schema, current), current.UpdatedAt);
        var row = new MergeCandidate(Guid.Empty, incoming, DateTime.MinValue);
        var state = Survivorship.Resolve(schema, existing, [row], new SurvivorshipOptions(SurvivorshipStrategy.Survivor, [], new Dictionary<string, Guid>())).State;
        foreach (var (name, value) in incoming)
            if (!state.ContainsKey(name)) state[name] = value?.DeepClone();
        return state;
    }

    /// <summary>Relations must point at live records: one query per target table for the whole batch.</summary>
    private async Task CheckReferencesAsync(DbSession s, List<ImportRow> rows, CancellationToken ct)
    {
        var createdHere = rows.Where(r => r is { Failed: false, Outcome: RowOutcome.Create }).Select(r => (schema.Definition.Table, r.Prepared!.Id)).ToHashSet();
        var wanted = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => !r.Failed && r.Validated is not null && r.Outcome is RowOutcome.Create or RowOutcome.Update or RowOutcome.Merge))
            foreach (var reference in row.Validated!.References)
            {
                var table = TableOf(reference.Target);
                if (table is null || _knownReferences.Contains((table, reference.Id)) || createdHere.Contains((table, reference.Id))) continue;
                if (!wanted.TryGetValue(table, out var set)) wanted[table] = set = [];
                set.Add(reference.Id);
            }
        foreach (var (table, ids) in wanted)
        {
            var live = await RecordStore.ExistingIdsAsync(s, table, ids, liveOnly: true, ct);
            if (_knownReferences.Count > 1_000_000) _knownReferences.Clear();
            foreach (var id in live) _knownReferences.Add((table, id));
        }
        foreach (var row in rows.Where(r => !r.Failed && r.Validated is not null && r.Outcome is RowOutcome.Create or RowOutcome.Update or RowOutcome.Merge))
            foreach (var reference in row.Validated!.References)
            {
                var table = TableOf(reference.Target);
                if (table is null) { row.Fail(reference.Path, $"refers to an unknown object '{reference.Target}'"); continue; }
                if (reference.Target == schema.Name && reference.Id == row.Prepared!.Id) { row.Fail(reference.Path, "cannot refer to the record itself"); continue; }
                if (!_knownReferences.Contains((table, reference.Id)) && !createdHere.Contains((table, reference.Id)))
                    row.Fail(reference.Path, $"no {reference.Target} record with id {reference.Id}");
            }
    }

    private static string? TableOf(string target) => target == "users" ? "users" : StandardObjects.Find(target)?.Table;

    /// <summary>
    /// Writes the batch. Normally new records go in bulk (<see cref="BulkInsert"/>: COPY on PostgreSQL) and
    /// the database's keys catch what the checks could not; with <paramref name="safe"/> every row runs in
    /// its own savepoint through the one-row path, so a refused row is rejected alone.
    /// </summary>
    internal async Task WriteAsync(DbSession s, List<ImportRow> rows, bool safe, CancellationToken ct)
    {
        var def = schema.Definition;
        var stored = new Dictionary<Guid, Record>();
        var pending = new List<Record>();
        var changes = new List<ChangeEntry>(rows.Count);
        var bulk = !safe && !_checksUnique;
        foreach (var row in rows)
        {
            if (row.Failed || row.Outcome is RowOutcome.Skip or RowOutcome.Unchanged or RowOutcome.None) continue;
            var record = row.Prepared!;
            if (bulk && row.Outcome == RowOutcome.Create)
            {
                pending.Add(record);
                stored[record.Id] = record;
                changes.Add(row.Change ?? Change(record, null));
                continue;
            }
            await BulkInsert.InsertAsync(s, def, pending, ct);
            pending.Clear();
            if (_checksUnique)
            {
                try { await RecordService.EnsureUniqueAsync(s, schema, record, row.Validated!.UniqueCustomValues, ct); }
                catch (ApiException e) { row.Fail(e.Errors?.Keys.FirstOrDefault(), e.Message); continue; }
            }
            if (safe) await s.Command("SAVEPOINT import_row").ExecuteNonQueryAsync(ct);
            try
            {
                Record? before = null;
                if (row.Outcome == RowOutcome.Create)
                    await RecordStore.InsertAsync(s, def, record, ct);
                else
                {
                    before = stored.GetValueOrDefault(record.Id) ?? row.Current!;
                    if (!await RecordStore.UpdateAsync(s, def, record, before.Version, before.ExternalIdsJson, ct))
                        row.Fail(null, "the record was changed by someone else during the import; import the row again");
                }
                if (!row.Failed) changes.Add(before is null && row.Change is { } change ? change : Change(record, before));
                stored[record.Id] = record;
                if (safe) await s.Command("RELEASE SAVEPOINT import_row").ExecuteNonQueryAsync(ct);
            }
            catch (Exception e) when (safe && Refusal(s, e) is { } reason)
            {
                await s.Command("ROLLBACK TO SAVEPOINT import_row").ExecuteNonQueryAsync(ct);
                await s.Command("RELEASE SAVEPOINT import_row").ExecuteNonQueryAsync(ct);
                row.Fail(reason.Field, reason.Message);
            }
        }
        await BulkInsert.InsertAsync(s, def, pending, ct);
        await ChangeStore.AddAsync(s, changes, ct);
        await AuditStore.AddAsync(s, [.. rows.Where(r => !r.Failed && r.Audit is not null && stored.ContainsKey(r.Prepared!.Id)).Select(r => r.Audit!)], ct);
    }

    private ChangeEntry Change(Record record, Record? before) =>
        ChangeLog.Entry(schema, record, before is null ? ChangeOps.Created : ChangeOps.Updated, ChangedFields.Between(schema.Definition, before, record), clientId, null);

    /// <summary>What the database (or a uniqueness check) said about a row it refused; null for failures that are not the row's fault.</summary>
    private static (string? Field, string Message)? Refusal(DbSession s, Exception e) => e switch
    {
        ExternalIdConflictException x => ($"{SystemFields.ExternalIds}.{x.System}", x.Message),
        _ when s.Dialect.IsUniqueViolation(e) => (null, "a value that must be unique is already used by another record"),
        _ => null,
    };
}
