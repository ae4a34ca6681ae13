namespace Rapport.Integration.Formats;

/// <summary>
/// Streams the records of one import file in constant memory. A problem with a single row is a
/// <see cref="SourceRow.Error"/>; a problem with the file itself (binary garbage, a DTD, a zip bomb,
/// an oversized row) throws <see cref="ImportFormatException"/> naming the line.
/// </summary>
public interface IRowReader : IDisposable
{
    IEnumerable<SourceRow> ReadRows(CancellationToken ct = default);
}
