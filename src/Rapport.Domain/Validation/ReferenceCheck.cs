namespace Rapport.Domain.Validation;

/// <summary>A relation found while validating, to be checked against the database by the caller.</summary>
public readonly record struct ReferenceCheck(string Path, string Target, Guid Id);
