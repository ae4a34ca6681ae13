namespace Rapport.Integration.Formats;

/// <summary>Picks the reader of an import file by its format, and the format by a file name or a format name.</summary>
public static class RowReaders
{
    /// <summary>A reader of <paramref name="stream"/> as <paramref name="format"/>; the stream stays open when the reader is disposed.</summary>
    public static IRowReader Open(DataFormat format, Stream stream, RowReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= RowReaderOptions.Default;
        var limits = options.Limits ?? FormatLimits.Default;
        return format switch
        {
            DataFormat.Csv => new CsvRowReader(stream, new CsvReadOptions { Encoding = options.Encoding, Delimiter = options.Delimiter, Limits = limits }),
            DataFormat.Json => new JsonArrayRowReader(stream, limits, options.Encoding),
            DataFormat.JsonLines => new JsonLinesRowReader(stream, limits, options.Encoding),
            DataFormat.Xml => new XmlRowReader(stream, options.Schema, limits, options.Encoding),
            DataFormat.Xlsx => new XlsxRowReader(stream, options.SheetName, limits),
            DataFormat.VCard => new VCardRowReader(stream, limits),
            DataFormat.ICalendar => new ICalendarRowReader(stream, limits),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown data format."),
        };
    }

    /// <summary>The format a file name's extension stands for, or null when it names none.</summary>
    public static DataFormat? FromFileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".CSV" or ".TSV" or ".TXT" => DataFormat.Csv,
            ".JSON" => DataFormat.Json,
            ".JSONL" or ".NDJSON" => DataFormat.JsonLines,
            ".XML" => DataFormat.Xml,
            ".XLSX" => DataFormat.Xlsx,
            ".VCF" or ".VCARD" => DataFormat.VCard,
            ".ICS" or ".ICAL" => DataFormat.ICalendar,
            _ => null,
        };
    }

    /// <summary>The format a name stands for (<c>csv, json, jsonl, xml, xlsx, vcard, ical</c> and common aliases, any case), or null.</summary>
    public static DataFormat? Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "CSV" or "TSV" => DataFormat.Csv,
            "JSON" => DataFormat.Json,
            "JSONL" or "JSONLINES" or "NDJSON" => DataFormat.JsonLines,
            "XML" => DataFormat.Xml,
            "XLSX" => DataFormat.Xlsx,
            "VCARD" or "VCF" => DataFormat.VCard,
            "ICAL" or "ICS" or "ICALENDAR" => DataFormat.ICalendar,
            _ => null,
        };
    }
}
