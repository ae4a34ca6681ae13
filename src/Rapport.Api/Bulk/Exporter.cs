using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Rapport.Api.Infrastructure;
using Rapport.Api.Metadata;
using Rapport.Data.Records;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;
using Rapport.Domain.Records;
using Rapport.Domain.Validation;
using Rapport.Integration.Formats;

namespace Rapport.Api.Bulk;

/// <summary>
/// Streams every record of an object that matches the list filters to a file in any export format,
/// a page of 1,000 at a time in keyset order, in constant memory. Flat formats get the columns of the
/// REST CSV list (dotted nested fields, primary email and phone, one column per external system).
/// </summary>
public sealed class Exporter(Database database, SchemaRegistry schemas)
{
    private const int PageSize = 1000;

    /// <summary>Checks the filters before a job is queued, so a bad filter is a 400, not a failed job.</summary>
    public async Task ValidateAsync(ObjectDef def, ExportOptions options, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        ListQueryParser.Parse(schema, Page(options.Query, null), new CursorCodec(RandomNumberGenerator.GetBytes(32)));
    }

    /// <returns>The number of records written.</returns>
    /// <remarks>
    /// Pages are read on one core while the previous page is formatted and written on the other:
    /// reading a record and formatting it cost about the same.
    /// </remarks>
    public async Task<long> ExportAsync(ObjectDef def, DataFormat format, ExportOptions options, Stream output, Action<long>? progress, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(def, ct);
        var cursors = new CursorCodec(RandomNumberGenerator.GetBytes(32));
        ListQuery first;
        try
        {
            first = ListQueryParser.Parse(schema, Page(options.Query, null), cursors);
        }
        catch (ValidationException e)
        {
            // Checked when the job was queued; a custom field deleted since then can take a filter's field away.
            throw new JobFailure($"the export's filters no longer fit {schema.Name}: {e.Summary}");
        }
        if (format == DataFormat.Csv && await FlatAsync(schema, first, output, progress, ct) is { } exported) return exported;
        using var sink = await OpenAsync(schema, format, options, first.Fields, output, ct);
        var pages = Channel.CreateBounded<List<Record>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = Task.Run(async () =>
        {
            try
            {
                var query = first;
                while (true)
                {
                    List<Record> page;
                    bool more;
                    await using (var s = await database.ReadAsync(stop.Token))
                        (page, more) = await RecordStore.ListAsync(s, def, query, stop.Token);
                    if (page.Count > 0) await pages.Writer.WriteAsync(page, stop.Token);
                    if (!more || page.Count == 0) break;
                    var cursor = cursors.Encode(query.SortSpec, SortValues.Of(page[^1], def, ListSqlBuilder.EffectiveKeys(query)));
                    query = ListQueryParser.Parse(schema, Page(options.Query, cursor), cursors);
                }
                pages.Writer.TryComplete();
            }
            catch (Exception e)
            {
                pages.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        long written = 0;
        try
        {
            while (await pages.Reader.WaitToReadAsync(ct))
                while (pages.Reader.TryRead(out var page))
                {
                    foreach (var record in page) sink.Write(record);
                    written += page.Count;
                    progress?.Invoke(written);
                }
        }
        finally
        {
            await stop.CancelAsync();
            await reader;
        }
        sink.Complete();
        return written;
    }

    /// <summary>
    /// CSV in id order (the default sort) through <see cref="FlatRows"/>: the cells are taken from each row's stored
    /// text without a record being built. The rows are cut into ranges of about <see cref="FlatRangeRows"/> ids (a
    /// walk of the primary key index), ranges are read on <see cref="FlatReaders"/> connections at once, each into a
    /// CSV chunk of its own, and the chunks are written in order. Null when the export does not fit (another sort,
    /// an in-memory SQLite database, a PostgreSQL row of over 100 columns), so the record path runs instead.
    /// </summary>
    private async Task<long?> FlatAsync(ObjectSchema schema, ListQuery query, Stream output, Action<long>? progress, CancellationToken ct)
    {
        var keys = ListSqlBuilder.EffectiveKeys(query);
        if (keys.Count != 1 || keys[0].Descending) return null;
        var dialect = database.Dialect;
        var file = database.Target.SqliteFilePath;
        await using var boundaries = await FlatConnection.OpenAsync(dialect, file, ct);
        if (boundaries is null) return null;
        var columns = await ColumnsAsync(schema, query.Fields, ct);
        if (FlatRows.For(schema, columns, dialect.Provider) is not { } rows) return null;
        var header = new CsvUtf8Writer(output);
        header.WriteHeader(columns);
        header.Complete();
        var idle = new ConcurrentBag<FlatConnection>();
        var chunks = new ConcurrentBag<MemoryStream>();
        var inflight = new Queue<Task<(MemoryStream Chunk, int Rows)>>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long written = 0;
        try
        {
            Guid? after = null;
            var last = false;
            while (!last || inflight.Count > 0)
            {
                while (!last && inflight.Count < FlatReaders)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    var end = rows.RangeEnd(boundaries, after, FlatRangeRows);
                    var from = after;
                    inflight.Enqueue(Task.Run(() => ReadRangeAsync(from, end), stop.Token));
                    after = end;
                    last = end is null;
                }
                var (chunk, count) = await inflight.Dequeue();
                await output.WriteAsync(chunk.GetBuffer().AsMemory(0, (int)chunk.Length), ct);
                written += count;
                progress?.Invoke(written);
                chunk.SetLength(0);
                chunks.Add(chunk);
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var task in inflight) await task.ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var connection in idle) await connection.DisposeAsync();
        }
        await output.FlushAsync(ct);
        return written;

        async Task<(MemoryStream, int)> ReadRangeAsync(Guid? from, Guid? through)
        {
            var connection = idle.TryTake(out var c) ? c : await FlatConnection.OpenAsync(dialect, file, stop.Token);
            try
            {
                var chunk = chunks.TryTake(out var m) ? m : new MemoryStream(1 << 21);
                var csv = new CsvUtf8Writer(chunk);
                var count = rows.ReadRange(connection!, query, from, through, new CsvRowSink(csv));
                csv.Complete();
                return (chunk, count);
            }
            finally
            {
                idle.Add(connection!);
            }
        }
    }

    /// <summary>Ids per range of the flat path: about 1.5 MB of CSV for a contact.</summary>
    private const int FlatRangeRows = 5000;

    /// <summary>Ranges read at once on the flat path: reading a row costs far more than writing it (on PostgreSQL, the database's share of the work runs in its own processes).</summary>
    private static readonly int FlatReaders = Math.Clamp(Environment.ProcessorCount, 1, 4);

    private sealed class CsvRowSink(CsvUtf8Writer writer) : IFlatRowSink
    {
        public void Cell(ReadOnlySpan<byte> utf8) => writer.WriteCell(utf8);
        public void EndRow() => writer.EndRow();
    }

    private static IEnumerable<KeyValuePair<string, string>> Page(List<KeyValuePair<string, string>> query, string? cursor)
    {
        foreach (var pair in query)
            if (pair.Key is not ("limit" or "cursor")) yield return pair;
        yield return new("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (cursor is not null) yield return new("cursor", cursor);
    }

    private async Task<IRecordSink> OpenAsync(ObjectSchema schema, DataFormat format, ExportOptions options, IReadOnlySet<string>? fields, Stream output, CancellationToken ct)
    {
        switch (format)
        {
            case DataFormat.Csv:
            case DataFormat.Xlsx:
                var columns = await ColumnsAsync(schema, fields, ct);
                ITableWriter table = format == DataFormat.Csv ? new CsvTableWriter(output) : new XlsxTableWriter(output, options.Sheet ?? schema.Name);
                return new TableSink(schema, table, columns);
            case DataFormat.Json:
                return new JsonSink(schema, output, fields, lines: false);
            case DataFormat.JsonLines:
                return new JsonSink(schema, output, fields, lines: true);
            case DataFormat.Xml:
                return new NodeSink(schema, new XmlListRecordWriter(output, schema), fields);
            case DataFormat.VCard when schema.Definition == StandardObjects.Contacts || schema.Definition == StandardObjects.Leads:
                return new NodeSink(schema, new VCardWriter(output), fields);
            case DataFormat.ICalendar when schema.Definition == StandardObjects.Activities:
                return new NodeSink(schema, new ICalendarWriter(output), fields);
            default:
                throw new JobFailure($"{FormatNames.Name(format)} export is available for {FormatNames.ObjectsFor(format)}, not {schema.Name}");
        }
    }

    /// <summary>The CSV list columns, with one <c>externalIds.&lt;system&gt;</c> column for every system the object's records use.</summary>
    private async Task<IReadOnlyList<string>> ColumnsAsync(ObjectSchema schema, IReadOnlySet<string>? fields, CancellationToken ct)
    {
        var systems = new List<string>();
        await using (var s = await database.ReadAsync(ct))
        {
            var p = new ParameterList();
            var name = p.Add(s.Dialect, ColumnType.Text, schema.Name);
            // One primary-key seek per system, where DISTINCT would read the key of every external id (0.3 s for a million).
            var sql = $"WITH RECURSIVE systems(system) AS (SELECT min(system) FROM external_ids WHERE object = {name} " +
                      $"UNION ALL SELECT (SELECT min(system) FROM external_ids WHERE object = {name} AND system > systems.system) FROM systems WHERE systems.system IS NOT NULL) " +
                      "SELECT system FROM systems WHERE system IS NOT NULL";
            await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) systems.Add(reader.GetString(0));
        }
        var sample = new JsonObject { [SystemFields.ExternalIds] = new JsonObject(systems.Select(x => KeyValuePair.Create(x, (JsonNode?)JsonValue.Create("")))) };
        return CsvListWriter.Columns(schema, [sample], fields);
    }

    private interface IRecordSink : IDisposable
    {
        void Write(Record record);
        void Complete();
    }

    private sealed class TableSink(ObjectSchema schema, ITableWriter writer, IReadOnlyList<string> columns) : IRecordSink
    {
        private readonly RecordFlattener _flattener = new(schema, columns);
        private readonly string?[] _cells = new string?[columns.Count];
        private bool _started;

        public void Write(Record record)
        {
            if (!_started) { writer.WriteHeader(columns); _started = true; }
            _flattener.Fill(record, _cells);
            writer.WriteRow(_cells);
        }

        public void Complete()
        {
            if (!_started) writer.WriteHeader(columns);
            writer.Complete();
        }

        public void Dispose() => writer.Dispose();
    }

    /// <summary>JSON (one array) or JSON Lines, written straight from the stored form like the REST API.</summary>
    private sealed class JsonSink(ObjectSchema schema, Stream output, IReadOnlySet<string>? fields, bool lines) : IRecordSink
    {
        private static readonly JsonWriterOptions Options = new() { Encoder = RecordJson.Options.Encoder, SkipValidation = true };
        private static readonly byte[] NewLine = "\n"u8.ToArray();
        private readonly BufferedStream _buffer = new(output, 1 << 16);
        private Utf8JsonWriter? _writer;

        public void Write(Record record)
        {
            if (lines)
            {
                _writer ??= new Utf8JsonWriter(_buffer, Options);
                RecordJsonWriter.Write(_writer, schema, record, fields);
                _writer.Flush();
                _writer.Reset();
                _buffer.Write(NewLine);
                return;
            }
            if (_writer is null)
            {
                _writer = new Utf8JsonWriter(_buffer, Options with { Indented = false });
                _writer.WriteStartArray();
            }
            RecordJsonWriter.Write(_writer, schema, record, fields);
            if (_writer.BytesPending > 1 << 15) _writer.Flush();
        }

        public void Complete()
        {
            if (!lines)
            {
                if (_writer is null) { _writer = new Utf8JsonWriter(_buffer, Options); _writer.WriteStartArray(); }
                _writer.WriteEndArray();
                _writer.Flush();
                _buffer.Write(NewLine);
            }
            _buffer.Flush();
        }

        public void Dispose() => _writer?.Dispose();
    }

    private sealed class NodeSink(ObjectSchema schema, IRecordWriter writer, IReadOnlySet<string>? fields) : IRecordSink
    {
        public void Write(Record record) => writer.Write(RecordJsonWriter.ToNode(schema, record, fields));
        public void Complete() => writer.Complete();
        public void Dispose() => writer.Dispose();
    }
}
