namespace Rapport.Integration.Formats;

/// <summary>
/// Bounds that keep a hostile or broken file from exhausting memory: a reader that crosses one
/// throws <see cref="ImportFormatException"/> instead of buffering on.
/// </summary>
public sealed record FormatLimits
{
    public static readonly FormatLimits Default = new();

    /// <summary>Characters in one row or record (all cells together).</summary>
    public int MaxRowChars { get; init; } = 1_000_000;

    /// <summary>Columns in one row.</summary>
    public int MaxColumns { get; init; } = 1_000;

    /// <summary>Uncompressed bytes of any one part of an XLSX package (sheet, shared strings).</summary>
    public long MaxXlsxPartBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Uncompressed-to-compressed ratio above which an XLSX part is treated as a zip bomb.</summary>
    public int MaxXlsxCompressionRatio { get; init; } = 200;

    /// <summary>Element nesting depth for XML and JSON.</summary>
    public int MaxDepth { get; init; } = 32;
}
