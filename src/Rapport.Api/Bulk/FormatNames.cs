using Rapport.Integration.Formats;

namespace Rapport.Api.Bulk;

/// <summary>How formats are named to people and in the API, and which objects the object-specific ones fit.</summary>
public static class FormatNames
{
    public static string Name(DataFormat format) => format switch
    {
        DataFormat.Csv => "csv",
        DataFormat.Json => "json",
        DataFormat.JsonLines => "jsonl",
        DataFormat.Xml => "xml",
        DataFormat.Xlsx => "xlsx",
        DataFormat.VCard => "vcard",
        DataFormat.ICalendar => "ical",
        _ => format.ToString().ToLowerInvariant(),
    };

    public static string ObjectsFor(DataFormat format) => format switch
    {
        DataFormat.VCard => "contacts and leads",
        DataFormat.ICalendar => "activities",
        _ => "every object",
    };

    public static string ContentType(DataFormat format) => format switch
    {
        DataFormat.Csv => "text/csv; charset=utf-8",
        DataFormat.Json => "application/json; charset=utf-8",
        DataFormat.JsonLines => "application/x-ndjson; charset=utf-8",
        DataFormat.Xml => "application/xml; charset=utf-8",
        DataFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        DataFormat.VCard => "text/vcard; charset=utf-8",
        DataFormat.ICalendar => "text/calendar; charset=utf-8",
        _ => "application/octet-stream",
    };

    public static string Extension(DataFormat format) => format switch
    {
        DataFormat.JsonLines => "jsonl",
        DataFormat.VCard => "vcf",
        DataFormat.ICalendar => "ics",
        _ => Name(format),
    };
}
