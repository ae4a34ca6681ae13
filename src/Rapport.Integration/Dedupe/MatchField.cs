namespace Rapport.Integration.Dedupe;

/// <summary>
/// One named feature of a record as the matcher sees it (a flattened CRM field such as "lastName" or
/// "custom.vatId"), with the kind that says how to compare it.
/// </summary>
public sealed record MatchField(string Name, MatchKind Kind);
