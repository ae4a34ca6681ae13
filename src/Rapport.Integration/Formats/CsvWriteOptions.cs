namespace Rapport.Integration.Formats;

/// <summary>How <see cref="CsvTableWriter"/> writes a file.</summary>
public sealed record CsvWriteOptions
{
    public static readonly CsvWriteOptions Default = new();

    /// <summary>Starts the file with the UTF-8 byte order mark, which older Excel needs to read UTF-8 rather than the ANSI code page.</summary>
    public bool ByteOrderMark { get; init; }

    /// <summary>The field delimiter: comma by default, semicolon for spreadsheets in locales with a decimal comma.</summary>
    public char Delimiter { get; init; } = ',';
}
