using System.Text.Json.Nodes;

namespace Rapport.Integration.Formats;

/// <summary>
/// Writes records in their nested JSON form (the shape of the REST API) to a document format
/// that is not a flat table: XML, vCard, iCalendar.
/// </summary>
public interface IRecordWriter : IDisposable
{
    void Write(JsonObject record);

    /// <summary>Finishes the document and flushes; the stream stays open.</summary>
    void Complete();
}
