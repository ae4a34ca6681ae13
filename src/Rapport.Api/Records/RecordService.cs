using System.Text.Json.Nodes;
using Rapport.Api.Changes;
using Rapport.Api.Errors;
using Rapport.Data.Changes;
using Rapport.Integration.Formats;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Data.Quality;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Api.Quality;
using Rapport.Domain.Metadata;
using Rapport.Domain.Normalisation;
using Rapport.Domain.Patching;
using Rapport.Domain.Records;
using Rapport.Domain.Rules;
using Rapport.Domain.Validation;

namespace Rapport.Api.Records;

/// <summary>
/// The one write path for records of every object: validate, check relations and uniqueness,
/// apply object rules, store. The REST endpoints, the batch endpoint and the CLI all come here.
/// </summary>
public sealed class RecordService(SchemaRegistry schemas, QualitySettings quality)
{
    public async Task<Record> CreateAsync(DbSession s, ObjectSchema schema, JsonObject body, Actor actor, CancellationToken ct)
    {
        var (record, validated) = await PrepareCreateAsync(schema, body, actor.Owner, ct);
        await CheckAsync(s, schema, record, validated, null, ct);
        await RecordStore.InsertAsync(s, schema.Definition, record, ct);
        await AuditNormalisationsAsync(s, schema.Definition, [record], actor.ClientId, ct);
        await ChangeLog.CreatedAsync(s, schema, record, actor, ct);
        return record;
    }

    /// <summary>
    /// Validates a new record and applies the object rules, without touching the database: relations
    /// and uniqueness are still to be checked (bulk import checks them for a whole batch at once).
    /// </summary>
    public async Task<(Record Record, ValidatedRecord Validated)> PrepareCreateAsync(ObjectSchema schema, JsonObject body, Guid owner, CancellationToken ct)
    {
        var normalisations = RecordNormaliser.Apply(schema, await quality.NormalisationAsync(schema.Definition, ct), body);
        var validated = RecordValidator.Validate(schema, body, isCreate: true);
        var now = Timestamps.Now();
        var record = new Record
        {
            Id = Guid.CreateVersion7(),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
            OwnerId = owner,
            Values = new object?[schema.Definition.Fields.Count],
            Normalisations = normalisations,
        };
        validated.CopyTo(record);
        await ApplyRulesAsync(schema, record, isCreate: true, ct);
        return (record, validated);
    }

    public async Task<Record> GetAsync(DbSession s, ObjectDef def, Guid id, CancellationToken ct) =>
        await RecordStore.GetAsync(s, def, id, includeDeleted: false, ct) ?? throw await MissingAsync(s, def, id, ct);

    /// <summary>Why a live record is not there: merged into another one (see <see cref="RecordMergedException"/>), or not found.</summary>
    public static async Task<Exception> MissingAsync(DbSession s, ObjectDef def, Guid id, CancellationToken ct) =>
        await MergeStore.FindRedirectAsync(s, def.Name, id, ct) is { } to
            ? new RecordMergedException(def.Name, def.Singular, id, to.SurvivorId, to.MergeId)
            : ApiException.NotFound(def.Name, id);

    /// <summary>Applies a JSON Merge Patch. A patch that changes nothing stores nothing and keeps the version.</summary>
    public async Task<Record> PatchAsync(DbSession s, ObjectSchema schema, Guid id, JsonObject patch, long? ifMatch, Actor actor, CancellationToken ct)
    {
        // Without If-Match the caller asked for "apply this change": the row is locked while it is read
        // (PostgreSQL; SQLite has one writer), and a writer that still got there first is absorbed by
        // re-reading and re-applying.
        for (var attempt = 0; ; attempt++)
        {
            var current = await RecordStore.GetForUpdateAsync(s, schema.Definition, id, ct) ?? throw await MissingAsync(s, schema.Definition, id, ct);
            if (ifMatch is { } expected && expected != current.Version)
                throw new ApiException(412, "Precondition Failed", $"The record is at version {current.Version}, not {expected}; fetch it again and retry.");
            try
            {
                return await ApplyPatchAsync(s, schema, current, patch, actor, ct);
            }
            catch (ApiException e) when (e.Status == 409 && e.Title == ConcurrentTitle && ifMatch is null && attempt < 3)
            {
            }
        }
    }

    public async Task<(Record Record, bool Created)> UpsertAsync(DbSession s, ObjectSchema schema, string system, string externalId, JsonObject body, Actor actor, CancellationToken ct)
    {
        if (!FieldFormats.IsExternalSystemName(system)) throw ApiException.BadRequest("system", "system names start with a letter and use letters, digits, '_', '.', '-' (at most 64)");
        if (externalId.Length is 0 or > 255) throw ApiException.BadRequest("externalId", "must be 1 to 255 characters");
        if (body[SystemFields.ExternalIds] is JsonObject ids && ids[system] is JsonValue given && given.ToString() != externalId)
            throw ApiException.BadRequest($"externalIds.{system}", $"differs from the id in the path ('{externalId}')");
        var existingId = await RecordStore.FindByExternalIdAsync(s, schema.Name, system, externalId, ct);
        if (existingId is { } found)
        {
            var current = await RecordStore.GetAsync(s, schema.Definition, found, includeDeleted: true, ct)
                ?? throw ApiException.NotFound(schema.Name, found);
            if (current.DeletedAt is not null)
                throw ApiException.Conflict($"The {schema.Definition.Singular} with externalIds.{system} '{externalId}' ({found}) is deleted; restore it with POST /api/v1/{schema.Name}/{found}/restore first.");
            return (await ApplyPatchAsync(s, schema, current, body, actor, ct), false);
        }
        var create = (JsonObject)body.DeepClone();
        var externalIds = create[SystemFields.ExternalIds] as JsonObject ?? [];
        externalIds[system] = externalId;
        create[SystemFields.ExternalIds] = externalIds;
        return (await CreateAsync(s, schema, create, actor, ct), true);
    }

    public async Task DeleteAsync(DbSession s, ObjectSchema schema, Guid id, long? ifMatch, Actor actor, CancellationToken ct)
    {
        var def = schema.Definition;
        var current = await GetAsync(s, def, id, ct);
        if (ifMatch is { } expected && expected != current.Version)
            throw new ApiException(412, "Precondition Failed", $"The record is at version {current.Version}, not {expected}.");
        var previous = current.ExternalIdsJson;
        current.DeletedAt = current.UpdatedAt = Timestamps.After(current.UpdatedAt);
        current.Version++;
        if (!await RecordStore.UpdateAsync(s, def, current, current.Version - 1, previous, ct)) throw Concurrent();
        await ChangeLog.RecordAsync(s, schema, current, ChangeOps.Deleted, [], actor, ct);
    }

    public async Task<Record> RestoreAsync(DbSession s, ObjectSchema schema, Guid id, Actor actor, CancellationToken ct)
    {
        var current = await RecordStore.GetAsync(s, schema.Definition, id, includeDeleted: true, ct) ?? throw ApiException.NotFound(schema.Name, id);
        if (current.DeletedAt is null) return current;
        if (await MergeStore.FindRedirectAsync(s, schema.Name, id, ct) is { } merged)
            throw ApiException.Conflict($"This {schema.Definition.Singular} was merged into {merged.SurvivorId}; to bring it back, undo the merge: POST /api/v1/merges/{merged.MergeId}/undo.");
        current.DeletedAt = null;
        await EnsureUniqueAsync(s, schema, current, StoredUniqueCustomValues(schema, current.CustomJson), ct);
        current.UpdatedAt = Timestamps.After(current.UpdatedAt);
        current.Version++;
        if (!await RecordStore.UpdateAsync(s, schema.Definition, current, current.Version - 1, current.ExternalIdsJson, ct)) throw Concurrent();
        await ChangeLog.RecordAsync(s, schema, current, ChangeOps.Restored, [], actor, ct);
        return current;
    }

    private async Task<Record> ApplyPatchAsync(DbSession s, ObjectSchema schema, Record current, JsonObject patch, Actor actor, CancellationToken ct)
    {
        var (next, validated, unchanged) = await PreparePatchAsync(schema, current, patch, ct);
        if (unchanged) return current;
        await CheckAsync(s, schema, next, validated, current, ct);
        if (!await RecordStore.UpdateAsync(s, schema.Definition, next, current.Version, current.ExternalIdsJson, ct)) throw Concurrent();
        await AuditNormalisationsAsync(s, schema.Definition, [next], actor.ClientId, ct);
        await ChangeLog.ChangedAsync(s, schema, current, next, actor, ct);
        return next;
    }

    /// <summary>Writes, in the caller's transaction, an audit entry for each record whose values the normalisation rules changed.</summary>
    public static Task AuditNormalisationsAsync(DbSession s, ObjectDef def, IEnumerable<Record> written, string clientId, CancellationToken ct)
    {
        List<AuditEntry>? entries = null;
        foreach (var r in written)
            if (NormalisationAudit(def, r, clientId) is { } entry) (entries ??= []).Add(entry);
        return entries is null ? Task.CompletedTask : AuditStore.AddAsync(s, entries, ct);
    }

    /// <summary>The audit entry for what the normalisation rules changed in <paramref name="r"/>; null when they changed nothing.</summary>
    public static AuditEntry? NormalisationAudit(ObjectDef def, Record r, string clientId)
    {
        if (r.Normalisations is not { Count: > 0 } changes) return null;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("changes");
            foreach (var c in changes)
            {
                w.WriteStartObject();
                w.WriteString("field", c.Field);
                w.WriteString("from", c.From);
                w.WriteString("to", c.To);
                w.WriteString("rule", c.Rule);
                w.WriteString("note", c.Note);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return new AuditEntry(Guid.CreateVersion7(), def.Name, r.Id, r.UpdatedAt, clientId, AuditActions.Normalised, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// Applies a merge patch to <paramref name="current"/> in memory: validation, read-only fields kept,
    /// rules re-applied, version and updatedAt moved on. <c>Unchanged</c> when the patch changes nothing
    /// (then nothing should be stored and the version stays). Relations and uniqueness are not checked here.
    /// </summary>
    public async Task<(Record Next, ValidatedRecord Validated, bool Unchanged)> PreparePatchAsync(ObjectSchema schema, Record current, JsonObject patch, CancellationToken ct)
    {
        var state = RecordJsonWriter.ToNode(schema, current);
        var normalisations = RecordNormaliser.Apply(schema, await quality.NormalisationAsync(schema.Definition, ct), patch, state);
        var merged = MergePatch.Apply(state, patch) as JsonObject ?? throw ApiException.BadRequest("body", "must be a JSON object");
        var validated = RecordValidator.Validate(schema, merged, isCreate: false, patch);
        var def = schema.Definition;
        var next = new Record
        {
            Id = current.Id,
            CreatedAt = current.CreatedAt,
            UpdatedAt = current.UpdatedAt,
            Version = current.Version,
            OwnerId = current.OwnerId,
            Values = new object?[def.Fields.Count],
            Normalisations = normalisations,
        };
        validated.CopyTo(next);
        for (var i = 0; i < def.Fields.Count; i++)
            if (def.Fields[i].ReadOnly) next.Values[i] = current.Values[i];
        ForgetDerived(def, next, patch);
        await ApplyRulesAsync(schema, next, isCreate: false, ct);
        if (Same(def, current, next)) return (current, validated, true);
        next.UpdatedAt = Timestamps.After(current.UpdatedAt);
        next.Version = current.Version + 1;
        return (next, validated, false);
    }

    /// <summary>
    /// Values the rules derive (probability from stage, amount from line items) are recomputed when
    /// their source changes and the patch does not set them itself.
    /// </summary>
    private static void ForgetDerived(ObjectDef def, Record next, JsonObject patch)
    {
        if (def != StandardObjects.Opportunities) return;
        if (patch.ContainsKey("stage") && !patch.ContainsKey("probability")) next.Values[def.IndexOf("probability")] = null;
        if (patch.ContainsKey("lineItems") && !patch.ContainsKey("amount")) next.Values[def.IndexOf("amount")] = null;
    }

    private static readonly Dictionary<string, int> NoStages = [];

    private async Task ApplyRulesAsync(ObjectSchema schema, Record record, bool isCreate, CancellationToken ct)
    {
        // Only opportunities have stages: the others skip building the table for every record.
        var stages = schema.Definition == StandardObjects.Opportunities ? await schemas.StagesAsync(ct) : null;
        ObjectRules.Apply(schema.Definition, record.Values, stages?.ToDictionary(x => x.Name, x => x.Probability) ?? NoStages, stages?.FirstOrDefault()?.Name, isCreate);
    }

    /// <summary>Relations must point at live records, unique values must be free.</summary>
    public static async Task CheckAsync(DbSession s, ObjectSchema schema, Record record, ValidatedRecord validated, Record? current, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        foreach (var reference in validated.References)
        {
            if (current is not null && Unchanged(schema, current, reference)) continue;
            var table = reference.Target == "users" ? "users" : StandardObjects.Find(reference.Target)?.Table;
            if (table is null) { errors.Add(reference.Path, $"refers to an unknown object '{reference.Target}'"); continue; }
            if (reference.Target == schema.Name && reference.Id == record.Id) { errors.Add(reference.Path, "cannot refer to the record itself"); continue; }
            if (!await RecordStore.ExistsAsync(s, table, reference.Id, ct)) errors.Add(reference.Path, $"no {reference.Target} record with id {reference.Id}");
        }
        if (errors.Any) throw new ValidationException(errors.ToDictionary());
        await EnsureUniqueAsync(s, schema, record, validated.UniqueCustomValues, ct);
    }

    /// <summary>Values that must be unique (standard columns and unique custom fields) must not be held by another live record.</summary>
    public static async Task EnsureUniqueAsync(DbSession s, ObjectSchema schema, Record record, IReadOnlyDictionary<string, string> customValues, CancellationToken ct)
    {
        var def = schema.Definition;
        foreach (var field in def.Fields.Where(f => f.Unique && f.Column is not null))
        {
            var value = record.Values[def.IndexOf(field.Name)];
            if (value is null) continue;
            if (await RecordStore.FindHolderAsync(s, def, field.Column!, ColumnTypes.Of(field.Kind), value, record.Id, ct) is { } holder)
                throw ApiException.Conflict($"{field.Name} '{value}' is already used by {def.Singular} {holder}.", field.Name);
        }
        foreach (var (name, value) in customValues)
        {
            if (await RecordStore.FindCustomHolderAsync(s, def, name, value, record.Id, ct) is { } holder)
                throw ApiException.Conflict($"custom.{name} '{value}' is already used by {def.Singular} {holder}.", $"custom.{name}");
        }
    }

    /// <summary>The stored values of unique custom fields, in the text form the validator compares (see RecordValidator).</summary>
    private static Dictionary<string, string> StoredUniqueCustomValues(ObjectSchema schema, string customJson)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!schema.CustomFields.Any(f => f.Unique)) return values;
        using var custom = System.Text.Json.JsonDocument.Parse(customJson);
        foreach (var field in schema.CustomFields.Where(f => f.Unique))
        {
            if (!custom.RootElement.TryGetProperty(field.Name, out var element) || element.ValueKind == System.Text.Json.JsonValueKind.Null) continue;
            values[field.Name] = element.ValueKind == System.Text.Json.JsonValueKind.String ? element.GetString()! : element.GetRawText();
        }
        return values;
    }

    private static bool Unchanged(ObjectSchema schema, Record current, Domain.Validation.ReferenceCheck reference)
    {
        if (reference.Path == SystemFields.OwnerId) return current.OwnerId == reference.Id;
        var index = schema.Definition.IndexOf(reference.Path);
        return index >= 0 && current.Values[index] is Guid g && g == reference.Id;
    }

    /// <summary>Whether a write would change nothing (JSON compared by value: PostgreSQL hands jsonb back reformatted).</summary>
    private static bool Same(ObjectDef def, Record a, Record b)
    {
        if (a.OwnerId != b.OwnerId || !ChangedFields.SameJson(a.CustomJson, b.CustomJson) || !ChangedFields.SameJson(a.ExternalIdsJson, b.ExternalIdsJson)) return false;
        for (var i = 0; i < a.Values.Length; i++)
            if (!ChangedFields.SameValue(def.Fields[i].Kind, a.Values[i], b.Values[i])) return false;
        return true;
    }

    private const string ConcurrentTitle = "Concurrent update";

    private static ApiException Concurrent() =>
        new(409, ConcurrentTitle, "The record was changed by another request at the same time; fetch it again and retry.");
}
