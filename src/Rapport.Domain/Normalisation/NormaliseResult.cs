namespace Rapport.Domain.Normalisation;

/// <summary>
/// Outcome of one normalisation. Errors are values rather than exceptions because imports collect
/// them per row and per field; a null <see cref="Value"/> without an error means "no value" (blank input).
/// </summary>
/// <param name="Value">The value to store; the input instance itself when it was already normal.</param>
/// <param name="Error">Why the input cannot be stored, phrased to follow a field name ("phone: needs a country code…").</param>
public readonly record struct NormaliseResult(string? Value, string? Error)
{
    /// <summary>
    /// Explains a change that dropped information (a phone extension, URL credentials), so the audit
    /// entry can say more than "before" and "after".
    /// </summary>
    public string? Note { get; init; }

    /// <summary>True when there is no error.</summary>
    public bool IsValid => Error is null;

    /// <summary>
    /// True when the stored value differs from what was sent, which is when the record's audit should
    /// mention the normalisation. Blank input counts as no value, so "" → null is not a change.
    /// </summary>
    public bool Changed(string? input) =>
        Error is null && !string.Equals(Value, string.IsNullOrEmpty(input) ? null : input, StringComparison.Ordinal);

    internal static NormaliseResult Blank => default;

    internal static NormaliseResult Ok(string value) => new(value, null);

    internal static NormaliseResult Fail(string error) => new(null, error);
}
