using System.Xml;

namespace Rapport.Integration.Formats;

/// <summary>
/// Runs a reader's row iterator and turns the low-level exceptions it may raise (malformed XML,
/// corrupt zip data, I/O on a truncated stream) into <see cref="ImportFormatException"/>, which an
/// iterator cannot do itself around a <c>yield return</c>.
/// </summary>
internal static class RowGuard
{
    public static IEnumerable<SourceRow> Wrap(IEnumerable<SourceRow> rows, string format)
    {
        using var e = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (XmlException ex)
            {
                throw new ImportFormatException($"The {format} file is malformed: {ex.Message}", 0, ex);
            }
            catch (InvalidDataException ex)
            {
                throw new ImportFormatException($"The {format} file is corrupt: {ex.Message}", 0, ex);
            }
            catch (EndOfStreamException ex)
            {
                throw new ImportFormatException($"The {format} file is truncated.", 0, ex);
            }
            yield return e.Current;
        }
    }
}
