using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Integration.Dedupe;

/// <summary>
/// The Fellegi-Sunter parameters learned from a table: m, u and r per field and level, the dependences
/// between fields, and how many duplicates and related records a record has on average (the priors). Stored as JSON, so a model trained by a full scan
/// answers later duplicate checks of single records without training again.
/// </summary>
public sealed class TrainedModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public required IReadOnlyList<FieldModel> Fields { get; init; }

    /// <summary>Pairs of fields that agree together among unrelated records, with the correction of their joint evidence.</summary>
    public IReadOnlyList<FieldDependence> Dependences { get; init; } = [];

    /// <summary>Expected number of duplicates of one record; the prior match probability of a pair is this over the record count.</summary>
    public required double MatchesPerRecord { get; init; }

    /// <summary>Expected number of related but different records (same household, same company) per record; 0 when none were found.</summary>
    public double RelatedPerRecord { get; init; }

    /// <summary>Records in the table the model was trained on.</summary>
    public int TrainedRecords { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainedModel FromJson(string json) =>
        JsonSerializer.Deserialize<TrainedModel>(json, Json) ?? throw new JsonException("An empty model.");

    /// <summary>The prior probability that a pair among <paramref name="records"/> records matches.</summary>
    internal double MatchPrior(int records) => Math.Clamp(MatchesPerRecord / Math.Max(1, records - 1), 1e-12, 0.25);

    /// <summary>The prior probability that a pair among <paramref name="records"/> records is related but different.</summary>
    internal double RelatedPrior(int records) => Math.Clamp(RelatedPerRecord / Math.Max(1, records - 1), 0, 0.25);

    /// <summary>Checks that the model was trained for these fields, in this order, with these levels.</summary>
    internal void EnsureFits(MatchConfig config, Comparison.PairComparer comparer)
    {
        if (Fields.Count != config.Fields.Count) throw new ArgumentException("The model was trained for other fields.");
        for (var f = 0; f < Fields.Count; f++)
        {
            var field = Fields[f];
            var levels = comparer[f].Levels;
            if (field.Name != config.Fields[f].Name || field.Kind != config.Fields[f].Kind || field.Levels.Count != levels.Count)
            {
                throw new ArgumentException($"The model's field {f} ('{field.Name}') does not match the configuration.");
            }
            for (var l = 0; l < levels.Count; l++)
            {
                if (field.Levels[l].Name != levels[l]) throw new ArgumentException($"The model's levels of '{field.Name}' differ.");
            }
        }
    }
}
