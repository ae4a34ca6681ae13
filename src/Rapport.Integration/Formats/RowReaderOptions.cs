using System.Text;
using Rapport.Domain.Metadata;

namespace Rapport.Integration.Formats;

/// <summary>What <see cref="RowReaders.Open"/> passes on to the reader of a format; each reader uses what applies to it.</summary>
public sealed record RowReaderOptions
{
    public static readonly RowReaderOptions Default = new();

    /// <summary>Overrides the detected or declared text encoding (CSV, JSON, JSON Lines, XML).</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>Overrides the detected CSV delimiter.</summary>
    public char? Delimiter { get; init; }

    /// <summary>The worksheet to read from an XLSX workbook; null reads the first.</summary>
    public string? SheetName { get; init; }

    public FormatLimits Limits { get; init; } = FormatLimits.Default;

    /// <summary>The object being imported: lets the XML reader type values and tell arrays from objects.</summary>
    public ObjectSchema? Schema { get; init; }
}
