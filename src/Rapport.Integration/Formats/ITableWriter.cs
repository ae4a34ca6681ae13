namespace Rapport.Integration.Formats;

/// <summary>
/// Writes flat rows (CSV, XLSX) for export: a header row, then one row of text cells per record,
/// parallel to the header. Streaming: nothing is kept per row once written.
/// </summary>
public interface ITableWriter : IDisposable
{
    void WriteHeader(IReadOnlyList<string> columns);

    void WriteRow(IReadOnlyList<string?> cells);

    /// <summary>Finishes the file (closing tags, zip directory) and flushes; the stream stays open.</summary>
    void Complete();
}
