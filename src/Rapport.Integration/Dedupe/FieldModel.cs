namespace Rapport.Integration.Dedupe;

/// <summary>
/// The learned levels of one field. <see cref="TermFrequencies"/> says exact agreement is weighed by the
/// rarity of the agreeing value instead of the level's average.
/// </summary>
public sealed record FieldModel(string Name, MatchKind Kind, bool TermFrequencies, IReadOnlyList<LevelModel> Levels);
