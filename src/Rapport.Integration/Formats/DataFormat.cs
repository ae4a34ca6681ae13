namespace Rapport.Integration.Formats;

/// <summary>The file formats Rapport imports and exports (contract §5).</summary>
public enum DataFormat
{
    Csv,
    Json,
    JsonLines,
    Xml,
    Xlsx,
    VCard,
    ICalendar,
}
