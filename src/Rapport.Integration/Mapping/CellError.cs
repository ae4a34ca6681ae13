namespace Rapport.Integration.Mapping;

/// <summary>
/// One source cell whose value could not be turned into the field's type (a bad number, a date that
/// does not fit its pattern, invalid JSON in an array cell). <paramref name="Column"/> is the source
/// column (several joined with ", "; empty for a constant), <paramref name="Field"/> the target path.
/// </summary>
public sealed record CellError(string Column, string Field, string Value, string Message);
