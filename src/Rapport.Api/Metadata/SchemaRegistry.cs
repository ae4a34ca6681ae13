using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rapport.Api.Infrastructure;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Metadata;

/// <summary>
/// The current schema of every object (standard fields + custom fields + pipeline), cached and
/// rebuilt when metadata changes here, or after a short time so other instances' changes arrive.
/// </summary>
public sealed class SchemaRegistry(Database database)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, ObjectSchema> _schemas = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private DateTime _loadedAt = DateTime.MinValue;
    private IReadOnlyList<PipelineStageInfo> _stages = [];

    public IReadOnlyList<PipelineStageInfo> Stages => _stages;

    public async ValueTask<ObjectSchema> GetAsync(ObjectDef def, CancellationToken ct)
    {
        if (DateTime.UtcNow - _loadedAt > Lifetime) await ReloadAsync(ct);
        return _schemas[def.Name];
    }

    public async ValueTask<IReadOnlyList<PipelineStageInfo>> StagesAsync(CancellationToken ct)
    {
        if (DateTime.UtcNow - _loadedAt > Lifetime) await ReloadAsync(ct);
        return _stages;
    }

    public void Invalidate() => _loadedAt = DateTime.MinValue;

    public async Task ReloadAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            if (DateTime.UtcNow - _loadedAt <= Lifetime) return;
            await using var db = database.Context();
            var fields = await db.CustomFields.AsNoTracking().OrderBy(f => f.CreatedAt).ThenBy(f => f.Name).ToListAsync(ct);
            var stages = await db.PipelineStages.AsNoTracking().OrderBy(s => s.Position).ToListAsync(ct);
            _stages = stages.Select(s => new PipelineStageInfo(s.Name, s.Label, s.Probability, s.Position, s.IsClosed, s.IsWon)).ToList();
            IReadOnlyList<string> stageNames = _stages.Select(s => s.Name).ToList();
            foreach (var def in StandardObjects.All)
            {
                var custom = fields.Where(f => f.Object == def.Name).Select(ToField).ToList();
                var dynamicOptions = def == StandardObjects.Opportunities
                    ? new Dictionary<string, IReadOnlyList<string>> { ["stage"] = stageNames }
                    : null;
                _schemas[def.Name] = new ObjectSchema(def, custom, dynamicOptions);
            }
            _loadedAt = DateTime.UtcNow;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static FieldDef ToField(Data.Model.CustomField f) => CustomFieldTypes.ToField(
        f.Name, f.Label, f.Type, f.Required, f.IsUnique,
        f.Options is null ? null : JsonSerializer.Deserialize<List<string>>(f.Options),
        f.Pattern,
        f.DefaultValue is null ? null : JsonNode.Parse(f.DefaultValue));
}

public sealed record PipelineStageInfo(string Name, string Label, int Probability, int Position, bool IsClosed, bool IsWon);
