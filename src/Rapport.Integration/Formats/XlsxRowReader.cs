using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Rapport.Integration.Formats;

/// <summary>
/// Streams the rows of one worksheet of an Office Open XML workbook (.xlsx). The sheet is found
/// through the package relationships (the first worksheet, or the one named); the shared-strings
/// table is loaded (bounded by <see cref="MaxSharedStringChars"/>), the sheet itself is read with an
/// <see cref="XmlReader"/> in constant memory. Cells become text: shared, inline and formula strings
/// as written (formulas are never evaluated: the cached result is read), booleans as true/false,
/// numbers in invariant form with Excel's 15 significant digits, and numbers styled as dates as
/// ISO text (<c>yyyy-MM-dd</c>, or <c>yyyy-MM-ddTHH:mm:ssZ</c> when there is a time of day) in the
/// workbook's 1900 or 1904 date system. The first non-empty row is the header; empty rows are
/// skipped; <see cref="SourceRow.Line"/> is the sheet row number. Every part is read through a
/// <see cref="ZipPartStream"/>, which stops zip bombs.
/// </summary>
public sealed class XlsxRowReader : IRowReader
{
    /// <summary>The most characters the shared-strings table may hold in memory (each string also counts 16 for its overhead).</summary>
    public const long MaxSharedStringChars = 100_000_000;

    private const string NotXlsx = "The file is not an XLSX workbook";

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
        MaxCharactersFromEntities = 1024,
    };

    private readonly Stream _source;
    private readonly string? _sheetName;
    private readonly FormatLimits _limits;
    private readonly char[] _chunk = new char[4096];
    private FileStream? _temp;
    private ZipArchive? _zip;
    private Dictionary<string, ZipArchiveEntry>? _entries;

    /// <param name="stream">The workbook; copied to a temporary file first when it cannot seek. Not disposed by the reader.</param>
    /// <param name="sheetName">The worksheet to read (case-insensitive), or null for the first one.</param>
    public XlsxRowReader(Stream stream, string? sheetName, FormatLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        _source = stream;
        _sheetName = string.IsNullOrWhiteSpace(sheetName) ? null : sheetName.Trim();
        _limits = limits;
    }

    public IEnumerable<SourceRow> ReadRows(CancellationToken ct = default) => RowGuard.Wrap(Rows(ct), "XLSX");

    public void Dispose()
    {
        _zip?.Dispose();
        _temp?.Dispose();
        _zip = null;
        _temp = null;
    }

    private IEnumerable<SourceRow> Rows(CancellationToken ct)
    {
        Open();
        var workbookPath = OfficeDocument();
        if (Entry(workbookPath) is null)
            throw new ImportFormatException($"{NotXlsx}: the package has no workbook part ({workbookPath}).");
        var workbook = ReadWorkbook(workbookPath);
        var relations = ReadRelationships(workbookPath);
        var sheet = ChooseSheet(workbook.Sheets, relations);
        var sheetEntry = Entry(sheet) ?? throw new ImportFormatException($"{NotXlsx}: the worksheet part {sheet} is missing.");
        var sharedStrings = ReadSharedStrings(Related(relations, "/sharedStrings") ?? "xl/sharedStrings.xml", ct);
        var dateStyles = ReadDateStyles(Related(relations, "/styles") ?? "xl/styles.xml");

        using var part = new ZipPartStream(sheetEntry, _limits);
        using var xml = XmlReader.Create(part, XmlSettings);
        var text = new StringBuilder();
        var cells = new List<(int Column, string Value)>();
        IReadOnlyList<string>? header = null;
        var inSheetData = false;
        long rowNumber = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "sheetData")
                break;
            if (xml.NodeType != XmlNodeType.Element) continue;
            if (xml.LocalName == "sheetData")
            {
                if (xml.IsEmptyElement) break;
                inSheetData = true;
                continue;
            }
            if (!inSheetData || xml.LocalName != "row") continue;
            ct.ThrowIfCancellationRequested();
            rowNumber = long.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : rowNumber + 1;
            cells.Clear();
            ReadCells(xml, rowNumber, cells, text, sharedStrings, dateStyles, workbook.Date1904);
            if (cells.Count == 0) continue;
            if (header is null)
            {
                header = Header(cells, rowNumber);
                continue;
            }
            var values = new string?[header.Count];
            var beyond = 0;
            foreach (var (column, value) in cells)
            {
                if (column <= header.Count) values[column - 1] = value;
                else beyond = Math.Max(beyond, column);
            }
            var error = beyond > 0
                ? $"Row {rowNumber} has a value in column {ColumnName(beyond)}, beyond the {header.Count} columns of the header."
                : null;
            yield return new SourceRow { Line = rowNumber, Columns = header, Values = values, Error = error };
        }
    }

    private void Open()
    {
        if (_zip is not null) return;
        var stream = _source;
        if (!stream.CanSeek)
        {
            var path = Path.Combine(Path.GetTempPath(), "rapport-import-" + Guid.NewGuid().ToString("N") + ".xlsx");
            _temp = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            stream.CopyTo(_temp);
            _temp.Position = 0;
            stream = _temp;
        }
        try
        {
            _zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFormatException($"{NotXlsx}: it is not a zip archive.", 0, ex);
        }
        _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _zip.Entries)
            _entries.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
    }

    private ZipArchiveEntry? Entry(string path) => _entries!.GetValueOrDefault(path.TrimStart('/'));

    private ZipPartStream? OpenPart(string path) => Entry(path) is { } entry ? new ZipPartStream(entry, _limits) : null;

    /// <summary>The workbook part named by the package relationships (_rels/.rels), else xl/workbook.xml.</summary>
    private string OfficeDocument()
    {
        if (Entry("_rels/.rels") is null) return "xl/workbook.xml";
        var root = ReadRelationships("");
        return Related(root, "/officeDocument") ?? "xl/workbook.xml";
    }

    private sealed record Relationship(string Id, string Type, string Target);

    /// <summary>The relationships of part <paramref name="source"/> ("" for the package), targets resolved to package paths.</summary>
    private List<Relationship> ReadRelationships(string source)
    {
        var slash = source.LastIndexOf('/');
        var folder = slash < 0 ? "" : source[..(slash + 1)];
        var relsPath = source.Length == 0 ? "_rels/.rels" : folder + "_rels/" + source[(slash + 1)..] + ".rels";
        var list = new List<Relationship>();
        using var part = OpenPart(relsPath);
        if (part is null) return list;
        using var xml = XmlReader.Create(part, XmlSettings);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship") continue;
            if (string.Equals(xml.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase)) continue;
            var id = xml.GetAttribute("Id");
            var type = xml.GetAttribute("Type");
            var target = xml.GetAttribute("Target");
            if (id is null || type is null || string.IsNullOrEmpty(target)) continue;
            list.Add(new Relationship(id, type, Resolve(folder, target)));
            if (list.Count > 10_000) break;
        }
        return list;
    }

    private static string? Related(List<Relationship> relations, string typeSuffix) =>
        relations.FirstOrDefault(r => r.Type.EndsWith(typeSuffix, StringComparison.OrdinalIgnoreCase))?.Target;

    /// <summary>A relationship target relative to <paramref name="folder"/> (or absolute, from the package root) as a package path.</summary>
    private static string Resolve(string folder, string target)
    {
        target = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var path = target.StartsWith('/') ? target[1..] : folder + target;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
            else segments.Add(segment);
        }
        return string.Join('/', segments);
    }

    private sealed record Workbook(List<(string Name, string RelationId)> Sheets, bool Date1904);

    private Workbook ReadWorkbook(string path)
    {
        var sheets = new List<(string, string)>();
        var date1904 = false;
        using var part = OpenPart(path)!;
        using var xml = XmlReader.Create(part, XmlSettings);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element) continue;
            if (xml.LocalName == "workbookPr")
            {
                date1904 = xml.GetAttribute("date1904") is "1" or "true";
            }
            else if (xml.LocalName == "sheet" && sheets.Count < 10_000)
            {
                var name = xml.GetAttribute("name");
                var id = RelationId(xml);
                if (name is not null && id is not null) sheets.Add((name, id));
            }
        }
        return new Workbook(sheets, date1904);
    }

    /// <summary>The r:id attribute, whatever prefix and namespace (transitional or strict) it uses.</summary>
    private static string? RelationId(XmlReader xml)
    {
        if (!xml.MoveToFirstAttribute()) return null;
        try
        {
            do
            {
                if (xml.LocalName == "id" && xml.NamespaceURI.EndsWith("relationships", StringComparison.Ordinal)) return xml.Value;
            }
            while (xml.MoveToNextAttribute());
            return null;
        }
        finally
        {
            xml.MoveToElement();
        }
    }

    private string ChooseSheet(List<(string Name, string RelationId)> sheets, List<Relationship> relations)
    {
        Relationship? Target(string id) => relations.FirstOrDefault(r => r.Id == id);
        static bool IsWorksheet(Relationship r) => r.Type.EndsWith("/worksheet", StringComparison.OrdinalIgnoreCase);
        if (_sheetName is null)
        {
            foreach (var (_, id) in sheets)
                if (Target(id) is { } rel && IsWorksheet(rel)) return rel.Target;
            throw new ImportFormatException($"{NotXlsx}: the workbook has no worksheet.");
        }
        foreach (var (name, id) in sheets)
        {
            if (!string.Equals(name, _sheetName, StringComparison.OrdinalIgnoreCase)) continue;
            if (Target(id) is { } rel && IsWorksheet(rel)) return rel.Target;
            throw new ImportFormatException($"The sheet '{name}' is not a worksheet (it may be a chart).");
        }
        var names = string.Join(", ", sheets.Select(s => $"'{s.Name}'"));
        throw new ImportFormatException($"The workbook has no sheet named '{_sheetName}'; its sheets are: {names}.");
    }

    private List<string> ReadSharedStrings(string path, CancellationToken ct)
    {
        var strings = new List<string>();
        using var part = OpenPart(path);
        if (part is null) return strings;
        using var xml = XmlReader.Create(part, XmlSettings);
        var sb = new StringBuilder();
        long budget = MaxSharedStringChars;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si") continue;
            if ((strings.Count & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            if (!ReadRichText(xml, sb, _limits.MaxRowChars))
                throw new ImportFormatException($"Shared string {strings.Count} is longer than {_limits.MaxRowChars} characters.");
            budget -= sb.Length + 16;
            if (budget < 0)
                throw new ImportFormatException($"The shared-strings table is larger than {MaxSharedStringChars} characters.");
            strings.Add(Unescape(sb));
        }
        return strings;
    }

    /// <summary>For each cell format (cellXfs index), whether its number format shows a date or time.</summary>
    private bool[] ReadDateStyles(string path)
    {
        var custom = new Dictionary<int, string>();
        var formats = new List<int>();
        using var part = OpenPart(path);
        if (part is null) return [];
        using var xml = XmlReader.Create(part, XmlSettings);
        var cellXfsDepth = -1;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                cellXfsDepth = -1;
                continue;
            }
            if (xml.NodeType != XmlNodeType.Element) continue;
            switch (xml.LocalName)
            {
                case "numFmt" when custom.Count < 10_000:
                    if (int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                        custom[id] = xml.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs" when !xml.IsEmptyElement:
                    cellXfsDepth = xml.Depth;
                    break;
                case "xf" when cellXfsDepth >= 0 && xml.Depth == cellXfsDepth + 1 && formats.Count < 100_000:
                    formats.Add(int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : 0);
                    break;
            }
        }
        return formats.Select(f => custom.TryGetValue(f, out var code) ? IsDateFormat(code) : f is >= 14 and <= 22 or >= 45 and <= 47).ToArray();
    }

    /// <summary>
    /// Whether a number format code shows a date or time: it has y, m, d, h or s outside quoted text,
    /// [brackets] (colours, locales, elapsed time), and escaped, padding or fill characters.
    /// </summary>
    public static bool IsDateFormat(string code)
    {
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    if (close < 0) return false;
                    i = close;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    if (end < 0) return false;
                    i = end;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S':
                    return true;
            }
        }
        return false;
    }

    /// <summary>The header: trimmed names, parallel to columns A, B, …; a gap or a repeated name is an error in the file.</summary>
    private IReadOnlyList<string> Header(List<(int Column, string Value)> cells, long row)
    {
        var width = cells.Max(c => c.Column);
        var names = new string[width];
        foreach (var (column, value) in cells) names[column - 1] = value.Trim();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < width; i++)
        {
            if (string.IsNullOrEmpty(names[i]))
                throw new ImportFormatException($"Column {ColumnName(i + 1)} of the header row (row {row}) has no name.", row);
            if (!seen.TryAdd(names[i], i))
                throw new ImportFormatException(
                    $"The header row (row {row}) names '{names[i]}' twice, in columns {ColumnName(seen[names[i]] + 1)} and {ColumnName(i + 1)}.", row);
        }
        return names;
    }

    /// <summary>Reads the cells of a row element: (1-based column, text) for every cell that has a value.</summary>
    private void ReadCells(XmlReader xml, long row, List<(int, string)> cells, StringBuilder sb, List<string> sharedStrings,
        bool[] dateStyles, bool date1904)
    {
        if (xml.IsEmptyElement) return;
        var rowDepth = xml.Depth;
        var column = 0;
        long chars = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == rowDepth) return;
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c") continue;
            var reference = xml.GetAttribute("r");
            var type = xml.GetAttribute("t");
            var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            column = ColumnOf(reference) is > 0 and var c ? c : column + 1;
            string? raw = null;
            string? inline = null;
            if (!xml.IsEmptyElement)
            {
                var cellDepth = xml.Depth;
                var budget = (int)Math.Min(int.MaxValue, _limits.MaxRowChars - chars);
                while (xml.Read())
                {
                    if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == cellDepth) break;
                    if (xml.NodeType != XmlNodeType.Element || xml.Depth != cellDepth + 1) continue;
                    if (xml.LocalName == "v")
                    {
                        sb.Clear();
                        if (!AppendText(xml, sb, budget)) throw TooLong(row);
                        raw = sb.ToString();
                    }
                    else if (xml.LocalName == "is")
                    {
                        if (!ReadRichText(xml, sb, budget)) throw TooLong(row);
                        inline = Unescape(sb);
                    }
                }
            }
            var value = CellText(type, style, raw, inline, row, sharedStrings, dateStyles, date1904);
            if (string.IsNullOrEmpty(value)) continue;
            if (column > _limits.MaxColumns)
                throw new ImportFormatException($"Row {row} has a value in column {ColumnName(column)}, beyond the limit of {_limits.MaxColumns} columns.", row);
            chars += value.Length;
            if (chars > _limits.MaxRowChars) throw TooLong(row);
            cells.Add((column, value));
        }
    }

    private ImportFormatException TooLong(long row) => new($"Row {row} is longer than {_limits.MaxRowChars} characters.", row);

    private static string? CellText(string? type, int style, string? raw, string? inline, long row, List<string> sharedStrings,
        bool[] dateStyles, bool date1904)
    {
        switch (type)
        {
            case "s":
                if (raw is null) return null;
                if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= sharedStrings.Count)
                    throw new ImportFormatException($"Row {row} refers to shared string {raw.Trim()}, which the workbook does not have.", row);
                return sharedStrings[index];
            case "inlineStr":
                return inline ?? raw;
            case "b":
                return raw?.Trim() switch { "1" => "true", "0" => "false", var other => other };
            case "str" or "e":
                return raw;
            case "d":
                return raw is null ? null : IsoDate(raw.Trim());
            default:
                if (raw is null) return null;
                raw = raw.Trim();
                return style >= 0 && style < dateStyles.Length && dateStyles[style] ? SerialDate(raw, date1904) : Number(raw);
        }
    }

    /// <summary>A number as Excel shows it at most: invariant, 15 significant digits, no exponent where a plain form fits.</summary>
    public static string Number(string raw)
    {
        if (raw.Length <= 15 && raw.AsSpan().IndexOfAnyExcept("-.0123456789") < 0) return raw;
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) return raw;
        var text = d.ToString("G15", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal) && Math.Abs(d) < 1e28 &&
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
            text = m.ToString(CultureInfo.InvariantCulture);
        return text;
    }

    /// <summary>
    /// A date serial number as ISO text: <c>yyyy-MM-dd</c> for whole days, <c>yyyy-MM-ddTHH:mm:ssZ</c>
    /// otherwise, <c>HH:mm:ss</c> below 1 (a time of day alone). The 1900 system counts the Lotus
    /// 1-2-3 leap day 1900-02-29 (serial 60, read as 1900-02-28); the 1904 system counts from 1904-01-01.
    /// </summary>
    public static string SerialDate(string raw, bool date1904)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) || serial < 0 || serial >= 2_958_466)
            return Number(raw);
        var totalSeconds = (long)Math.Round(serial * 86_400, MidpointRounding.AwayFromZero);
        var days = totalSeconds / 86_400;
        var seconds = totalSeconds % 86_400;
        var time = TimeSpan.FromSeconds(seconds);
        if (serial < 1) return time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        DateTime date;
        if (date1904) date = new DateTime(1904, 1, 1).AddDays(days);
        else if (days < 60) date = new DateTime(1899, 12, 31).AddDays(days);
        else date = new DateTime(1899, 12, 30).AddDays(days);
        if (date.Year > 9999) return Number(raw);
        return seconds == 0
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : (date + time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A <c>t="d"</c> cell (ISO 8601 text, strict OOXML) in the same ISO forms as serial dates.</summary>
    private static string IsoDate(string raw)
    {
        if (!DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            return raw;
        return date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads a rich-text container (<c>si</c> or <c>is</c>) to its end: the text of its <c>t</c>
    /// elements, plain or in runs, without phonetic runs (<c>rPh</c>). False when longer than <paramref name="max"/>.
    /// </summary>
    private bool ReadRichText(XmlReader xml, StringBuilder sb, int max)
    {
        sb.Clear();
        if (xml.IsEmptyElement) return true;
        var depth = xml.Depth;
        var phonetic = -1;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement)
            {
                if (xml.Depth == depth) return true;
                if (xml.Depth == phonetic) phonetic = -1;
                continue;
            }
            if (xml.NodeType != XmlNodeType.Element || phonetic >= 0) continue;
            if (xml.LocalName == "rPh" && !xml.IsEmptyElement) phonetic = xml.Depth;
            else if (xml.LocalName == "t" && !AppendText(xml, sb, max)) return false;
        }
        return true;
    }

    /// <summary>Appends the text of the current element in chunks, leaving the reader on its end tag. False when longer than <paramref name="max"/>.</summary>
    private bool AppendText(XmlReader xml, StringBuilder sb, int max)
    {
        if (xml.IsEmptyElement) return true;
        var depth = xml.Depth;
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.EndElement when xml.Depth == depth:
                    return true;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    int n;
                    while ((n = xml.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                    {
                        if (sb.Length + n > max) return false;
                        sb.Append(_chunk, 0, n);
                    }
                    break;
            }
        }
        return true;
    }

    /// <summary>Decodes the <c>_xHHHH_</c> escapes OOXML uses for characters XML cannot hold (<c>_x000D_</c> is CR).</summary>
    private static string Unescape(StringBuilder sb)
    {
        var text = sb.ToString();
        var at = text.IndexOf("_x", StringComparison.Ordinal);
        if (at < 0) return text;
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (at >= 0)
        {
            if (at + 7 <= text.Length && text[at + 6] == '_' &&
                ushort.TryParse(text.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append(text, i, at - i).Append((char)code);
                i = at + 7;
            }
            else
            {
                result.Append(text, i, at + 2 - i);
                i = at + 2;
            }
            at = text.IndexOf("_x", i, StringComparison.Ordinal);
        }
        return result.Append(text, i, text.Length - i).ToString();
    }

    /// <summary>The 1-based column of a cell reference (<c>C5</c> → 3); 0 when there is none.</summary>
    public static int ColumnOf(string? reference)
    {
        if (reference is null) return 0;
        var column = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') column = column * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z') column = column * 26 + (ch - 'a' + 1);
            else break;
            if (column > 1_000_000) return 1_000_000;
        }
        return column;
    }

    /// <summary>The letters of a 1-based column (3 → C, 28 → AB).</summary>
    public static string ColumnName(int column)
    {
        var name = new StringBuilder();
        while (column > 0)
        {
            var rem = (column - 1) % 26;
            name.Insert(0, (char)('A' + rem));
            column = (column - 1) / 26;
        }
        return name.ToString();
    }
}
