namespace Rapport.Integration.Dedupe;

/// <summary>
/// Two fields that agree together among unrelated records more (or less) often than chance, such as a
/// postcode and a city. <see cref="Bits"/>[level of A][level of B] is added to a pair's score when both
/// are present, so one fact is not counted as two pieces of evidence.
/// </summary>
public sealed record FieldDependence(string FieldA, string FieldB, IReadOnlyList<IReadOnlyList<double>> Bits);
