namespace Rapport.Integration.Formats;

/// <summary>
/// One record read from an import file, flattened to named text cells whatever the format:
/// nested objects become dotted columns (<c>address.city</c>, <c>externalIds.erp</c>, <c>custom.tier</c>),
/// arrays of objects stay one cell of compact JSON, absent or empty values are null.
/// Every reader produces this shape, so mapping, validation and error reports are written once.
/// </summary>
public sealed class SourceRow
{
    /// <summary>Where the row starts in the file, 1-based: the physical line for text formats, the sheet row for XLSX.</summary>
    public required long Line { get; init; }

    /// <summary>Column names, parallel to <see cref="Values"/>. Readers of tabular formats share one instance across rows.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    public required string?[] Values { get; init; }

    /// <summary>
    /// A problem with this row alone (a ragged CSV row, a malformed JSON line): the row is reported with
    /// its line, this reason and whatever values could be read, and reading goes on.
    /// </summary>
    public string? Error { get; init; }

    public string? this[string column]
    {
        get
        {
            for (var i = 0; i < Columns.Count && i < Values.Length; i++)
                if (string.Equals(Columns[i], column, StringComparison.Ordinal)) return Values[i];
            return null;
        }
    }
}
