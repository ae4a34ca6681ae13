using Rapport.Integration.Formats;

namespace Rapport.Api.Bulk;

/// <summary>
/// The rejected rows of an import as CSV: the original columns and values, then <c>_line</c> and
/// <c>_errors</c>. Fix the values in a spreadsheet and import the file again: the two extra columns
/// map to no field and are ignored.
/// </summary>
public static class ErrorReport
{
    public const string LineColumn = "_line";
    public const string ErrorsColumn = "_errors";

    public static void Write(Stream output, IReadOnlyList<RowError> errors)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in errors)
            foreach (var (column, _) in error.Original)
                if (seen.Add(column)) columns.Add(column);
        using var writer = new CsvTableWriter(output);
        writer.WriteHeader([.. columns, LineColumn, ErrorsColumn]);
        var cells = new string?[columns.Count + 2];
        foreach (var error in errors)
        {
            Array.Clear(cells);
            foreach (var (column, value) in error.Original) cells[columns.IndexOf(column)] = value;
            cells[^2] = error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            cells[^1] = error.Summary();
            writer.WriteRow(cells);
        }
        writer.Complete();
    }
}
