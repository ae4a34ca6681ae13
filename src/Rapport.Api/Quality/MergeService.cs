using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Api.Changes;
using Rapport.Api.Errors;
using Rapport.Data.Changes;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Api.Records;
using Rapport.Data.Quality;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Domain.Merging;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Integration.Formats;

namespace Rapport.Api.Quality;

/// <summary>
/// Merges any number of records of one object into a survivor, in one transaction: field values by
/// <see cref="Survivorship"/>, relations, campaign memberships and external ids moved to the survivor,
/// the merged records soft-deleted with a redirect, a merge row holding what undo needs, and an audit
/// entry on every record involved. Undo reverses it, keeping any later edit of the survivor or of a
/// moved relation (or refusing, when asked to be strict).
/// </summary>
public sealed class MergeService(SchemaRegistry schemas, RecordService records)
{
    public async Task<JsonObject> MergeAsync(DbSession s, ObjectDef def, MergeRequest request, Actor actor, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        var survivor = await LoadAsync(s, def, request.SurvivorId, "survivorId", request.Versions, ct);
        var merged = new List<Record>();
        foreach (var id in request.MergedIds) merged.Add(await LoadAsync(s, def, id, "mergedIds", request.Versions, ct));

        var before = RecordJsonWriter.ToNode(schema, survivor);
        var result = Survivorship.Resolve(schema, Candidate(schema, survivor), [.. merged.Select(m => Candidate(schema, m))], request.Options);
        var state = result.State;
        var mergedIds = request.MergedIds.ToHashSet();
        // A relation to a record of the merge (an account's parent) would point at itself or at a deleted record.
        foreach (var f in def.Fields.Where(f => f.Kind == FieldKind.Reference && f.Target == def.Name))
            if (state[f.Name]?.GetValue<string>() is { } refId && Guid.TryParse(refId, out var g) && (g == survivor.Id || mergedIds.Contains(g)))
                state[f.Name] = null;

        var at = Timestamps.Now();
        var externalIds = await MergeLinks.MoveExternalIdsAsync(s, def.Name, request.MergedIds, survivor.Id, ct);
        foreach (var m in merged)
        {
            var deleted = m.Copy();
            deleted.DeletedAt = deleted.UpdatedAt = Timestamps.After(m.UpdatedAt);
            deleted.Version = m.Version + 1;
            if (!await RecordStore.UpdateAsync(s, def, deleted, m.Version, deleted.ExternalIdsJson, ct)) throw Changed(def, m.Id);
            await ChangeLog.MergedAsync(s, schema, deleted, survivor.Id, actor, ct);
        }

        var (next, validated, unchanged) = await records.PreparePatchAsync(schema, survivor, state, ct);
        if (!unchanged)
        {
            await RecordService.CheckAsync(s, schema, next, validated, survivor, ct);
            // External id rows were moved above; the survivor's JSON only catches up with them.
            if (!await RecordStore.UpdateAsync(s, def, next, survivor.Version, next.ExternalIdsJson, ct)) throw Changed(def, survivor.Id);
            await ChangeLog.ChangedAsync(s, schema, survivor, next, actor, ct);
        }
        var after = RecordJsonWriter.ToNode(schema, next);

        var references = await ReferenceMoves.MoveAsync(s, def.Name, request.MergedIds, survivor.Id, at, ct);
        await ChangeLog.RelationsMovedAsync(s, schemas, references, actor, ct);
        var memberships = await MergeLinks.MoveMembershipsAsync(s, def.Name, request.MergedIds, survivor.Id, at, ct);
        var mergeId = Guid.CreateVersion7();
        var undoState = new MergeState(JsonNamingPolicy.CamelCase.ConvertName(request.Options.Strategy.ToString()), before, after,
            [.. merged.Select(m => m.Id)], references, memberships, externalIds,
            result.Sources.ToDictionary(p => p.Key, p => p.Value));
        var mergedJson = JsonSerializer.Serialize(request.MergedIds);
        await MergeStore.InsertAsync(s, new MergeRow(mergeId, def.Name, survivor.Id, mergedJson, actor.ClientId, at, null,
            JsonSerializer.Serialize(undoState, MergeState.Json)), request.MergedIds, ct);

        var details = new JsonObject { ["mergeId"] = mergeId.ToString(), ["survivorId"] = survivor.Id.ToString(), ["mergedIds"] = JsonNode.Parse(mergedJson) };
        var audit = new List<AuditEntry> { Audit(def, survivor.Id, at, actor, AuditActions.Merged, details) };
        audit.AddRange(merged.Select(m => Audit(def, m.Id, at, actor, AuditActions.MergedInto, details)));
        await AuditStore.AddAsync(s, audit, ct);

        return new JsonObject
        {
            ["mergeId"] = mergeId.ToString(),
            ["survivorId"] = survivor.Id.ToString(),
            ["mergedIds"] = JsonNode.Parse(mergedJson),
            ["fieldSources"] = new JsonObject(result.Sources.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.ToString()))),
            ["moved"] = Moved(references, memberships, externalIds),
            ["record"] = after,
        };
    }

    /// <param name="strict">Refuse (409) when the survivor was edited since the merge, instead of keeping those edits.</param>
    public async Task<JsonObject> UndoAsync(DbSession s, Guid mergeId, bool strict, Actor actor, CancellationToken ct)
    {
        var merge = await MergeStore.GetAsync(s, mergeId, forUpdate: true, ct) ?? throw ApiException.NotFound($"There is no merge {mergeId}.");
        if (merge.UndoneAt is { } undone) throw ApiException.Conflict($"Merge {mergeId} was already undone at {Timestamps.ToText(undone)}.");
        var def = StandardObjects.Find(merge.Object) ?? throw ApiException.NotFound($"Merge {mergeId} is of an unknown object '{merge.Object}'.");
        var schema = await schemas.GetAsync(def, ct);
        var state = JsonSerializer.Deserialize<MergeState>(merge.StateJson, MergeState.Json)
            ?? throw new InvalidOperationException($"Merge {mergeId} has no undo state.");
        var survivor = await RecordStore.GetForUpdateAsync(s, def, merge.SurvivorId, ct)
            ?? throw ApiException.Conflict($"The survivor {merge.SurvivorId} is deleted or merged itself; restore it (or undo that merge) before undoing merge {mergeId}.");

        var (patch, kept) = Revert(schema, state.Before, state.After, RecordJsonWriter.ToNode(schema, survivor));
        if (strict && kept.Count > 0)
            throw ApiException.Conflict($"The survivor was changed after the merge ({string.Join(", ", kept)}); undo with keepLaterEdits to keep those changes, or revert them first.");

        var at = Timestamps.Now();
        var conflicts = await MergeLinks.RevertExternalIdsAsync(s, def.Name, state.ExternalIds, survivor.Id, ct);
        if (conflicts.Count > 0)
            throw ApiException.Conflict($"External id {conflicts[0].System} '{conflicts[0].ExternalId}' now belongs to another record; the merge cannot be undone until it is freed.");
        var current = survivor;
        if (patch.Count > 0)
        {
            var (next, validated, unchanged) = await records.PreparePatchAsync(schema, survivor, patch, ct);
            if (!unchanged)
            {
                await RecordService.CheckAsync(s, schema, next, validated, survivor, ct);
                if (!await RecordStore.UpdateAsync(s, def, next, survivor.Version, survivor.ExternalIdsJson, ct)) throw Changed(def, survivor.Id);
                await ChangeLog.ChangedAsync(s, schema, survivor, next, actor, ct);
                current = next;
            }
        }

        foreach (var id in state.Merged)
        {
            var m = await RecordStore.GetAsync(s, def, id, includeDeleted: true, ct)
                ?? throw new InvalidOperationException($"Merged record {id} of merge {mergeId} is missing.");
            if (m.DeletedAt is null) continue;
            var restored = m.Copy();
            restored.DeletedAt = null;
            restored.UpdatedAt = Timestamps.After(m.UpdatedAt);
            restored.Version = m.Version + 1;
            await RecordService.EnsureUniqueAsync(s, schema, restored, new Dictionary<string, string>(), ct);
            if (!await RecordStore.UpdateAsync(s, def, restored, m.Version, restored.ExternalIdsJson, ct)) throw Changed(def, id);
            await ChangeLog.RecordAsync(s, schema, restored, ChangeOps.Restored, [], actor, ct);
        }

        var reverted = await ReferenceMoves.RevertAsync(s, state.References, survivor.Id, at, ct);
        await ChangeLog.RelationsMovedAsync(s, schemas, reverted, actor, ct);
        await MergeLinks.RevertMembershipsAsync(s, def.Name, state.Memberships, survivor.Id, at, ct);
        await MergeStore.MarkUndoneAsync(s, mergeId, at, ct);
        var details = new JsonObject { ["mergeId"] = mergeId.ToString(), ["keptFields"] = new JsonArray([.. kept.Select(k => (JsonNode?)k)]) };
        await AuditStore.AddAsync(s, [.. state.Merged.Append(survivor.Id).Select(id => Audit(def, id, at, actor, AuditActions.MergeUndone, details))], ct);

        return new JsonObject
        {
            ["mergeId"] = mergeId.ToString(),
            ["undone"] = true,
            ["survivorId"] = survivor.Id.ToString(),
            ["restoredIds"] = new JsonArray([.. state.Merged.Select(id => (JsonNode?)id.ToString())]),
            ["keptFields"] = new JsonArray([.. kept.Select(k => (JsonNode?)k)]),
            ["relations"] = new JsonObject { ["reverted"] = reverted.Count, ["kept"] = state.References.Count - reverted.Count },
            ["record"] = RecordJsonWriter.ToNode(schema, current),
        };
    }

    /// <summary>
    /// The patch that puts back the survivor's values from before the merge, field by field, for the
    /// fields the merge changed and nobody changed since; the others are kept and named.
    /// </summary>
    private static (JsonObject Patch, List<string> Kept) Revert(ObjectSchema schema, JsonObject before, JsonObject after, JsonObject current)
    {
        var patch = new JsonObject();
        var kept = new List<string>();
        var keys = schema.Definition.Fields.Where(f => !f.ReadOnly).Select(f => f.Name).Append(SystemFields.OwnerId).Append(SystemFields.ExternalIds);
        foreach (var key in keys) Compare(key, before[key], after[key], current[key], patch, kept);
        var custom = new JsonObject();
        foreach (var field in schema.CustomFields)
            Compare(field.Name, Child(before, field.Name), Child(after, field.Name), Child(current, field.Name), custom, kept, "custom.");
        if (custom.Count > 0) patch[SystemFields.Custom] = custom;
        return (patch, kept);

        static JsonNode? Child(JsonObject record, string name) => (record[SystemFields.Custom] as JsonObject)?[name];
    }

    private static void Compare(string key, JsonNode? before, JsonNode? after, JsonNode? current, JsonObject patch, List<string> kept, string prefix = "")
    {
        if (JsonNode.DeepEquals(before, after)) return;
        if (!JsonNode.DeepEquals(current, after)) { kept.Add(prefix + key); return; }
        if (key == SystemFields.ExternalIds && before is JsonObject b && after is JsonObject a)
        {
            // A merge patch only adds and changes keys: the systems the merge added are removed with null.
            var ids = (JsonObject)b.DeepClone();
            foreach (var (system, _) in a)
                if (!b.ContainsKey(system)) ids[system] = null;
            patch[key] = ids;
            return;
        }
        patch[key] = before?.DeepClone();
    }

    private async Task<Record> LoadAsync(DbSession s, ObjectDef def, Guid id, string field, IReadOnlyDictionary<Guid, long> versions, CancellationToken ct)
    {
        var record = await RecordStore.GetForUpdateAsync(s, def, id, ct);
        if (record is null)
        {
            if (await MergeStore.FindRedirectAsync(s, def.Name, id, ct) is { } to)
                throw ApiException.Conflict($"{field}: {def.Singular} {id} was already merged into {to.SurvivorId}.", field);
            if (await RecordStore.GetAsync(s, def, id, includeDeleted: true, ct) is not null)
                throw ApiException.Conflict($"{field}: {def.Singular} {id} is deleted; restore it before merging.", field);
            foreach (var other in StandardObjects.All.Where(o => o != def))
                if (await RecordStore.GetAsync(s, other, id, includeDeleted: true, ct) is not null)
                    throw new ApiException(422, "Unprocessable Entity", $"{field}: {id} is a {other.Singular}, not a {def.Singular}; only records of one object can be merged.",
                        new Dictionary<string, string[]> { [field] = [$"{id} is a {other.Singular}"] });
            throw ApiException.NotFound(def.Name, id);
        }
        if (versions.TryGetValue(id, out var expected) && expected != record.Version)
            throw new ApiException(412, "Precondition Failed", $"{def.Singular} {id} is at version {record.Version}, not {expected}: it changed since you looked; review it and retry.");
        return record;
    }

    private static MergeCandidate Candidate(ObjectSchema schema, Record r) => new(r.Id, RecordJsonWriter.ToNode(schema, r), r.UpdatedAt);

    private static JsonObject Moved(List<ReferenceMove> references, List<MembershipMove> memberships, List<ExternalIdMove> externalIds)
    {
        var moved = new JsonObject();
        foreach (var group in references.GroupBy(r => r.Object)) moved[group.Key] = group.Count();
        if (memberships.Count > 0) moved["campaignMemberships"] = memberships.Count;
        if (externalIds.Count > 0) moved["externalIds"] = externalIds.Count;
        return moved;
    }

    private static AuditEntry Audit(ObjectDef def, Guid id, DateTime at, Actor actor, string action, JsonObject details) =>
        new(Guid.CreateVersion7(), def.Name, id, at, actor.ClientId, action, details.ToJsonString());

    private static ApiException Changed(ObjectDef def, Guid id) =>
        new(409, "Concurrent update", $"{def.Singular} {id} was changed by another request during the merge; nothing was merged. Fetch it again and retry.");
}

/// <summary>What a merge stored so that it can be undone.</summary>
public sealed record MergeState(
    string Strategy,
    JsonObject Before,
    JsonObject After,
    IReadOnlyList<Guid> Merged,
    IReadOnlyList<ReferenceMove> References,
    IReadOnlyList<MembershipMove> Memberships,
    IReadOnlyList<ExternalIdMove> ExternalIds,
    IReadOnlyDictionary<string, Guid> Sources)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
