using System.Text.Json.Nodes;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Api.Records;
using Rapport.Data;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Domain.Validation;

namespace Rapport.Api.Demo;

/// <summary>
/// One demo run: the seeded random source, the write session (and an EF context sharing its transaction),
/// and what has been created so far, for the generators that refer to it.
/// </summary>
internal sealed class DemoSeed(DbSession session, RapportDbContext db, RecordService records, SchemaRegistry schemas)
{
    public const int RandomSeed = 20261121;

    /// <summary>"Today" for the demo data; dates are spread around it.</summary>
    public static readonly DateTime Base = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly BaseDate = DateOnly.FromDateTime(Base);

    public Random Rng { get; } = new(RandomSeed);
    public RapportDbContext Db => db;

    /// <summary>The opportunity pipeline, in order.</summary>
    public IReadOnlyList<PipelineStageInfo> Stages { get; set; } = [];

    public List<DemoUser> Users { get; } = [];
    public List<DemoProduct> Products { get; } = [];
    public List<DemoAccount> Accounts { get; } = [];
    public List<DemoContact> Contacts { get; } = [];
    public List<DemoLead> Leads { get; } = [];
    public List<DemoOpportunity> Opportunities { get; } = [];
    public List<DemoCase> Cases { get; } = [];
    public List<DemoCampaign> Campaigns { get; } = [];
    public int CampaignMembers { get; set; }
    public int Orders { get; set; }
    public int Activities { get; set; }

    public DemoUser User(string role) => Users.First(u => u.Role == role);

    /// <summary>The first (0) or second (1) sales rep.</summary>
    public DemoUser SalesRep(int n) => Users.Where(u => u.Role == "sales").ElementAt(n);

    /// <summary>
    /// Creates a record through the same validation and rules as the API; returns its id. The body goes
    /// through its JSON text first, so its values look exactly like those of a request.
    /// </summary>
    public async Task<Guid> CreateAsync(ObjectDef def, JsonObject body, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        var request = (JsonObject)JsonNode.Parse(body.ToJsonString())!;
        try
        {
            return (await records.CreateAsync(session, schema, request, Actor.System, ct)).Id;
        }
        catch (ValidationException ex)
        {
            var errors = string.Join("; ", ex.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}"));
            throw new InvalidOperationException($"Demo data: a {def.Singular} was refused: {errors}", ex);
        }
    }

    public static string Instant(DateTime value) => Timestamps.ToText(value);

    public static string Date(DateOnly value) => Timestamps.ToText(value);
}
