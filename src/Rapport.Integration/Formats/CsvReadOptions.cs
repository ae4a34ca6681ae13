using System.Text;

namespace Rapport.Integration.Formats;

/// <summary>How <see cref="CsvRowReader"/> reads a file; what is left null is detected from the file.</summary>
public sealed record CsvReadOptions
{
    public static readonly CsvReadOptions Default = new();

    /// <summary>The text encoding; null detects UTF-8 (with or without BOM), UTF-16/UTF-32 (BOM) or Windows-1252.</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>The field delimiter; null picks the most frequent of <c>, ; tab |</c> in the header line.</summary>
    public char? Delimiter { get; init; }

    public FormatLimits Limits { get; init; } = FormatLimits.Default;
}
