using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Data.Quality;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Normalisation;
using Rapport.Domain.Records;
using Rapport.Integration.Dedupe;

namespace Rapport.Api.Quality;

/// <summary>The outcome of a scan as stored: how many records were compared and how many clusters were found.</summary>
public sealed record ScanSummary(int Records, int Clusters, long ComparedPairs, TimeSpan Elapsed);

/// <summary>
/// Duplicate detection over stored records (contract §6): a scan reads an object's features in one
/// query, lets <see cref="DuplicateScanner"/> learn the match model and cluster, and replaces the
/// object's stored clusters; a check compares incoming records with an in-memory index of the stored
/// ones (built once, then topped up with records changed since), writing nothing.
/// </summary>
public sealed class DuplicateService(Database db, SchemaRegistry schemas, QualitySettings quality, ILogger<DuplicateService> log)
{
    /// <summary>The lowest score duplicates/check answers with; lower thresholds are raised to it.</summary>
    public const double CheckFloor = 0.5;

    /// <summary>The engine's default threshold, used when neither the request nor the settings give one.</summary>
    public const double DefaultThreshold = 0.9;

    /// <summary>The check index is rebuilt when this many records changed since it was built.</summary>
    private const int MaxDelta = 20_000;

    private readonly ConcurrentDictionary<string, CheckIndex> _indexes = new();
    private readonly SemaphoreSlim _building = new(1, 1);

    private sealed record CheckIndex(MatchFeatures Features, MatchConfig Config, TrainedModel Model, DuplicateIndex Index, DateTime BuiltAt, int Records);

    public async Task<ScanSummary> ScanAsync(ObjectDef def, double? threshold, IProgress<ScanProgress>? progress, CancellationToken ct)
    {
        var (features, table) = await LoadAsync(def, null, ct);
        if (table.Count < 2) { await StoreAsync(def, [], ct); return new ScanSummary(table.Count, 0, 0, TimeSpan.Zero); }
        var config = Config(features, table, threshold, await quality.MatchingAsync(def, ct));
        var result = await Task.Run(() => new DuplicateScanner().Scan(table, config, progress, ct), ct);
        await StoreAsync(def, result.Clusters, ct);
        await quality.SaveMatchModelAsync(def, features.Signature, result.Model.ToJson(), ct);
        _indexes.TryRemove(def.Name, out _);
        return new ScanSummary(table.Count, result.Clusters.Count, result.Statistics.ComparedPairs, result.Statistics.Elapsed);
    }

    /// <summary>For each incoming record, the stored records it likely duplicates, best first.</summary>
    public async Task<JsonArray> CheckAsync(ObjectDef def, IReadOnlyList<JsonObject> incoming, double? threshold, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        // Records changed since the index was built are compared through a small second index; when they
        // are too many for that, the index is built again.
        var index = await IndexAsync(def, null, ct);
        var (_, changed) = await LoadAsync(def, index.BuiltAt, ct, index.Features);
        if (changed.Count >= MaxDelta)
        {
            index = await IndexAsync(def, index.BuiltAt, ct);
            (_, changed) = await LoadAsync(def, index.BuiltAt, ct, index.Features);
        }
        var features = index.Features;
        var settings = await quality.NormalisationAsync(def, ct);
        var batch = new MatchTable(features.Fields, incoming.Count);
        var buffer = new string?[features.Fields.Count];
        foreach (var record in incoming)
        {
            var copy = (JsonObject)record.DeepClone();
            RecordNormaliser.Apply(schema, settings, copy);
            features.Read(copy, Guid.Empty, batch, buffer);
        }
        var minimum = Math.Max(CheckFloor, threshold ?? (await quality.MatchingAsync(def, ct)).Threshold ?? DefaultThreshold);

        var delta = changed.Count == 0 ? null : DuplicateIndex.Build(changed, index.Config, index.Model, ct);
        var main = index.Index.Check(batch, 20, ct);
        var extra = delta?.Check(batch, 20, ct);
        var candidates = new List<List<DuplicateCandidate>>();
        var wanted = new HashSet<Guid>();
        for (var i = 0; i < batch.Count; i++)
        {
            var best = new Dictionary<Guid, DuplicateCandidate>();
            foreach (var c in main[i].Concat(extra?[i] ?? []))
                if (c.Probability >= minimum && (!best.TryGetValue(c.Id, out var have) || have.Probability < c.Probability)) best[c.Id] = c;
            var list = best.Values.OrderByDescending(c => c.Probability).ToList();
            candidates.Add(list);
            wanted.UnionWith(list.Select(c => c.Id));
        }
        HashSet<Guid> live;
        await using (var s = await db.ReadAsync(ct)) live = await RecordStore.ExistingIdsAsync(s, def.Table, wanted, liveOnly: true, ct);

        var results = new JsonArray();
        for (var i = 0; i < candidates.Count; i++)
        {
            var matches = new JsonArray([.. candidates[i].Where(c => live.Contains(c.Id)).Take(10).Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id.ToString(),
                ["score"] = Math.Round(c.Probability, 4),
                ["matchedFields"] = new JsonArray([.. c.MatchedFields.Select(f => (JsonNode?)f)]),
            })]);
            results.Add(new JsonObject { ["index"] = i, ["duplicates"] = matches });
        }
        return results;
    }

    /// <summary>
    /// Builds the object's check index in the background, so the first check after a scan or a restart does
    /// not wait for it (about 17 s for a million contacts). Failures are logged; a check then builds it itself.
    /// </summary>
    public void Warm(ObjectDef def) => _ = Task.Run(async () =>
    {
        try
        {
            var index = await IndexAsync(def, null, CancellationToken.None);
            log.LogInformation("Duplicate check index of {Object} ready: {Records} records", def.Name, index.Records);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not build the duplicate check index of {Object}; the next check will try again", def.Name);
        }
    });

    /// <summary>The objects a scan has learned a model for: those whose check index is worth building ahead.</summary>
    public async Task<List<ObjectDef>> ScannedObjectsAsync(CancellationToken ct)
    {
        var found = new List<ObjectDef>();
        await using var s = await db.ReadAsync(ct);
        await using var reader = await s.Command("SELECT object FROM quality_settings WHERE match_model IS NOT NULL").ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (StandardObjects.Find(reader.GetString(0)) is { } def) found.Add(def);
        return found;
    }

    /// <summary>The match features of an object as they are now (custom fields and external-id systems included).</summary>
    public async Task<MatchFeatures> FeaturesAsync(ObjectDef def, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        var systems = new List<string>();
        await using var s = await db.ReadAsync(ct);
        var p = new ParameterList();
        await using var reader = await s.Command($"SELECT DISTINCT system FROM external_ids WHERE object = {p.Add(s.Dialect, ColumnType.Text, def.Name)}", p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) systems.Add(reader.GetString(0));
        return MatchFeatures.For(schema, systems, await quality.MatchingAsync(def, ct));
    }

    /// <summary>Checks matching settings against the object as it is now; throws a 400 naming what is wrong.</summary>
    public async Task CheckSettingsAsync(ObjectDef def, MatchingSettings settings, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        try
        {
            var features = MatchFeatures.For(schema, [], settings);
            if (features.Fields.Count == 0) throw new ArgumentException("fields: nothing would be compared.");
            _ = Config(features, new MatchTable(features.Fields), null, settings);
        }
        catch (ArgumentException e)
        {
            throw new Errors.ApiException(400, "Bad Request", e.Message.Split(" (Parameter")[0]);
        }
    }

    /// <summary>Drops the check index, so the next check builds one with the current settings.</summary>
    public void Forget(ObjectDef def) => _indexes.TryRemove(def.Name, out _);

    /// <summary>The object's check index: the cached one, unless there is none or it is the one built at <paramref name="replacing"/>.</summary>
    private async Task<CheckIndex> IndexAsync(ObjectDef def, DateTime? replacing, CancellationToken ct)
    {
        if (_indexes.TryGetValue(def.Name, out var cached) && cached.BuiltAt != replacing) return cached;
        await _building.WaitAsync(ct);
        try
        {
            if (_indexes.TryGetValue(def.Name, out cached) && cached.BuiltAt != replacing) return cached;
            var builtAt = Timestamps.Now();
            var (features, table) = await LoadAsync(def, null, ct);
            // The index keeps candidates down to CheckFloor, so one index serves every threshold asked for.
            var config = Config(features, table, CheckFloor, await quality.MatchingAsync(def, ct));
            var stored = await quality.MatchModelAsync(def, features.Signature, ct);
            var index = stored is null ? null : await Task.Run(() => TryBuild(table, config, stored, ct), ct);
            if (index is null)
            {
                // No scan yet, or the data's profile no longer fits the stored model (a column now reads as dates): learn again.
                var model = await Task.Run(() => new DuplicateScanner().Scan(table, config, null, ct).Model, ct);
                index = (await Task.Run(() => DuplicateIndex.Build(table, config, model, ct), ct), model);
            }
            var built = new CheckIndex(features, config, index.Value.Model, index.Value.Index, builtAt, table.Count);
            _indexes[def.Name] = built;
            return built;
        }
        finally
        {
            _building.Release();
        }
    }

    private static (DuplicateIndex Index, TrainedModel Model)? TryBuild(MatchTable table, MatchConfig config, string storedModel, CancellationToken ct)
    {
        try
        {
            var model = TrainedModel.FromJson(storedModel);
            return (DuplicateIndex.Build(table, config, model, ct), model);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads the features of every live record (or of those changed since <paramref name="since"/>).</summary>
    private async Task<(MatchFeatures Features, MatchTable Table)> LoadAsync(ObjectDef def, DateTime? since, CancellationToken ct, MatchFeatures? features = null)
    {
        features ??= await FeaturesAsync(def, ct);
        await using var s = await db.ReadAsync(ct);
        var p = new ParameterList();
        var sql = features.SelectSql(s.Dialect, since is { } t ? $"updated_at >= {p.Add(s.Dialect, ColumnType.Timestamp, t)}" : null);
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        return (features, await features.ReadAllAsync(reader, s.Dialect, since is null ? 1024 : 16, ct));
    }

    /// <summary>The external ids of the clusters' members (only those: a scan's table does not carry them).</summary>
    private static async Task<Dictionary<Guid, string>> ExternalIdsAsync(DbSession s, ObjectDef def, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var found = new Dictionary<Guid, string>();
        foreach (var chunk in InList.Chunks(ids.ToList(), 256))
        {
            var p = new ParameterList();
            var sql = $"SELECT id, CAST(external_ids AS TEXT) FROM {def.Table} WHERE id IN ({string.Join(", ", InList.Padded(chunk).Select(id => p.Add(s.Dialect, ColumnType.Uuid, id)))})";
            await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                if (!reader.IsDBNull(1)) found[(Guid)s.Dialect.Read(reader, 0, ColumnType.Uuid)!] = reader.GetString(1);
        }
        return found;
    }

    private static MatchConfig Config(MatchFeatures features, MatchTable table, double? threshold, MatchingSettings settings)
    {
        var d = MatchConfig.Default(features.Fields, table);
        if ((threshold ?? settings.Threshold) is not { } t && settings.Blocking.Count == 0) return d;
        var rules = settings.Blocking.Count == 0 ? d.BlockingRules : [.. settings.Blocking.Select(BlockingRule.Parse)];
        return new MatchConfig(d.Fields, rules)
        {
            SwappableNames = d.SwappableNames, Threshold = Math.Clamp(threshold ?? settings.Threshold ?? d.Threshold, 0.001, 0.999), MaxBlockSize = d.MaxBlockSize, Window = d.Window,
            RandomPairs = d.RandomPairs, TrainingPairsPerRule = d.TrainingPairsPerRule, TermFrequencies = d.TermFrequencies,
            MaxDegreeOfParallelism = d.MaxDegreeOfParallelism,
        };
    }

    /// <summary>Replaces the object's clusters with the scan's, in one transaction.</summary>
    private async Task StoreAsync(ObjectDef def, IReadOnlyList<DuplicateCluster> clusters, CancellationToken ct)
    {
        var scanId = Guid.CreateVersion7();
        var now = Timestamps.Now();
        await db.WriteAsync(async (s, c) =>
        {
            var d = s.Dialect;
            var dismissed = await DismissedAsync(s, def, c);
            var externalIds = await ExternalIdsAsync(s, def, clusters.SelectMany(x => x.Ids), c);
            var p = new ParameterList();
            await s.Command($"DELETE FROM duplicate_clusters WHERE object = {p.Add(d, ColumnType.Text, def.Name)}", p).ExecuteNonQueryAsync(c);
            foreach (var chunk in clusters.Chunk(200))
            {
                var q = new ParameterList();
                var values = string.Join(", ", chunk.Select(cluster =>
                    $"({q.Add(d, ColumnType.Uuid, Guid.CreateVersion7())}, {q.Add(d, ColumnType.Text, def.Name)}, {q.Add(d, ColumnType.Uuid, scanId)}, " +
                    $"{q.AddRaw(Math.Round(cluster.Score, 6))}, {q.Add(d, ColumnType.Json, ClusterJson(cluster, externalIds))}, {q.Add(d, ColumnType.Text, dismissed.Contains(Key(cluster.Ids)) ? "dismissed" : "open")}, {q.Add(d, ColumnType.Timestamp, now)})"));
                await s.Command($"INSERT INTO duplicate_clusters (id, object, scan_id, score, members, status, created_at) VALUES {values}", q).ExecuteNonQueryAsync(c);
            }
            return 0;
        }, ct);
    }

    /// <summary>The member sets a reviewer dismissed: a rescan finding exactly the same set keeps it dismissed.</summary>
    private static async Task<HashSet<string>> DismissedAsync(DbSession s, ObjectDef def, CancellationToken ct)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var p = new ParameterList();
        var sql = $"SELECT members FROM duplicate_clusters WHERE object = {p.Add(s.Dialect, ColumnType.Text, def.Name)} AND status = {p.Add(s.Dialect, ColumnType.Text, "dismissed")}";
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var members = JsonNode.Parse((string)s.Dialect.Read(reader, 0, ColumnType.Json)!)!["members"]!.AsArray();
            keys.Add(Key(members.Select(m => Guid.Parse(m!["id"]!.GetValue<string>()))));
        }
        return keys;
    }

    private static string Key(IEnumerable<Guid> ids) => string.Join(",", ids.Order());

    private static string ClusterJson(DuplicateCluster cluster, Dictionary<Guid, string> externalIds) => new JsonObject
    {
        ["members"] = new JsonArray([.. cluster.Ids.Select(id => (JsonNode?)new JsonObject
        {
            ["id"] = id.ToString(),
            ["externalIds"] = externalIds.TryGetValue(id, out var ids) ? JsonNode.Parse(ids) : new JsonObject(),
        })]),
        ["matchedFields"] = new JsonArray([.. cluster.MatchedFields.Select(f => (JsonNode?)f)]),
    }.ToJsonString();
}
