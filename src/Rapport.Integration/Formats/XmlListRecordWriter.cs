using System.Text.Json.Nodes;
using System.Xml;
using Rapport.Domain.Metadata;

namespace Rapport.Integration.Formats;

/// <summary>
/// Streams an XML export in the shape of the REST API's lists: <c>&lt;contacts&gt;</c> with one record
/// element per <see cref="Write"/> (written by <see cref="XmlRecordWriter"/>), closed by <see cref="Complete"/>.
/// <see cref="XmlRowReader"/> reads it back. The stream is left open.
/// </summary>
public sealed class XmlListRecordWriter : IRecordWriter
{
    private readonly XmlWriter _writer;
    private readonly ObjectSchema _schema;
    private bool _started;
    private bool _completed;
    private bool _disposed;

    public XmlListRecordWriter(Stream stream, ObjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        var settings = XmlRecordWriter.WriterSettings();
        settings.CloseOutput = false;

        // An export that was not completed must not look complete.
        settings.WriteEndDocumentOnClose = false;
        _writer = XmlWriter.Create(stream, settings);
    }

    public void Write(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("The document is already complete.");
        Start();
        XmlRecordWriter.WriteListRecord(_writer, _schema, record);
    }

    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) return;
        Start();
        _writer.WriteEndElement();
        _writer.WriteEndDocument();
        _writer.Flush();
        _completed = true;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _writer.Dispose();
    }

    private void Start()
    {
        if (_started) return;
        _started = true;
        _writer.WriteStartDocument();
        XmlRecordWriter.WriteListStart(_writer, _schema, nextCursor: null);
    }
}
