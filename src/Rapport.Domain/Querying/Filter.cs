namespace Rapport.Domain.Querying;

public enum FilterOp { Eq, Ne, Lt, Lte, Gt, Gte, Contains, StartsWith, In, IsNull }

/// <summary>One condition of a list request. <see cref="Value"/> is typed for the field; <c>In</c> carries an array.</summary>
public sealed record Filter(FieldRef Field, FilterOp Op, object? Value);

public sealed record SortKey(FieldRef Field, bool Descending);
