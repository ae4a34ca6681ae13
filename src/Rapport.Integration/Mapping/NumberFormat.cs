namespace Rapport.Integration.Mapping;

/// <summary>
/// How numbers are written in the source: the decimal separator and the thousands separator(s)
/// (<c>{ decimal: ",", group: "." }</c> for 1.234,56). Group characters may only stand before the
/// decimal separator; any character of <see cref="Group"/> counts (" " also matches a no-break space).
/// </summary>
public sealed record NumberFormat(char Decimal, string Group);
