using System.Text;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;

namespace Rapport.Data.Records;

/// <summary>
/// The flat export read path: each row's stored columns are read as UTF-8 text and every cell of the CSV
/// row — the text <c>RecordFlattener</c> gives for the same column — is taken from that text, members of JSON
/// columns (<c>address.city</c>, <c>custom.tier</c>, the primary email) by one forward scan of the stored JSON.
/// Nothing is materialised per record (no <c>Record</c>, no .NET strings, no parsed documents), which is what
/// a million-row export otherwise spends its time on. On SQLite the text comes straight from SQLite's column
/// memory (<see cref="SqliteRawReader"/>); on PostgreSQL the database formats each column as the API writes it
/// and sends a row as one JSON array in bytes, and JSON values are compacted (jsonb comes with its own spacing).
/// </summary>
public sealed class FlatRows
{
    private readonly RecordTable _table;
    private readonly DatabaseProvider _provider;
    private readonly string _selectList;
    private readonly string _idSelectList;
    private readonly FlatCell[] _cells;
    private readonly JsonMembers?[] _members;

    private FlatRows(RecordTable table, DatabaseProvider provider, List<string> sources, FlatCell[] cells)
    {
        _table = table;
        _provider = provider;
        _selectList = SelectList(provider, sources);
        _idSelectList = SelectList(provider, [sources[0]]); // the id, always the first source
        _cells = cells;
        _members = new JsonMembers?[sources.Count];
        foreach (var cell in cells)
            if (cell.Kind == FlatCellKind.Member)
                (_members[cell.Source] ??= new JsonMembers()).Add(cell.Key!);
        foreach (var members in _members) members?.Seal();
    }

    /// <summary>
    /// What a flat path query selects: the sources themselves on SQLite; on PostgreSQL one JSON array of them per
    /// row, sent as bytes (one value for the driver to hand over instead of one per column, and no .NET string).
    /// </summary>
    internal static string SelectList(DatabaseProvider provider, IReadOnlyList<string> sources) =>
        provider == DatabaseProvider.Postgres
            ? $"convert_to(json_build_array({string.Join(", ", sources)})::text, 'UTF8')"
            : string.Join(", ", sources);

    /// <summary>PostgreSQL's limit on a function's arguments (FUNC_MAX_ARGS), which <c>json_build_array</c> is held to.</summary>
    private const int MaxPostgresSources = 100;

    /// <summary>
    /// The reader for <paramref name="columns"/> (names as <c>CsvListWriter.Columns</c> gives them), or null when
    /// the row does not fit one PostgreSQL call (more than <see cref="MaxPostgresSources"/> stored columns).
    /// </summary>
    public static FlatRows? For(ObjectSchema schema, IReadOnlyList<string> columns, DatabaseProvider provider)
    {
        var def = schema.Definition;
        var sql = new FlatSql(provider);
        var sources = new List<string> { sql.Id };
        int Source(string expression)
        {
            var at = sources.IndexOf(expression);
            if (at >= 0) return at;
            sources.Add(expression);
            return sources.Count - 1;
        }
        var cells = new FlatCell[columns.Count];
        for (var i = 0; i < columns.Count; i++) cells[i] = Plan(def, columns[i], sql, Source);
        if (provider == DatabaseProvider.Postgres && sources.Count > MaxPostgresSources) return null;
        return new FlatRows(RecordTable.For(def), provider, sources, cells);
    }

    private static FlatCell Plan(ObjectDef def, string column, FlatSql sql, Func<string, int> source)
    {
        switch (column)
        {
            case SystemFields.Id: return FlatCell.Direct(source(sql.Id));
            case SystemFields.OwnerId: return FlatCell.Direct(source(sql.Uuid("owner_id")));
            case SystemFields.CreatedAt: return FlatCell.Direct(source(sql.Timestamp("created_at")));
            case SystemFields.UpdatedAt: return FlatCell.Direct(source(sql.Timestamp("updated_at")));
            case SystemFields.Version: return FlatCell.Direct(source(sql.Number("version")));
        }
        var index = def.IndexOf(column);
        if (index >= 0)
        {
            var field = def.Fields[index];
            if (field.Column is null) return FlatCell.None;
            if (field.Kind is FieldKind.Object or FieldKind.Array or FieldKind.MultiPicklist)
                return FlatCell.Json(source(sql.Json(field.Column)));
            return FlatCell.Direct(source(sql.Scalar(field.Column, field.Kind)));
        }
        var dot = column.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var head = column[..dot];
            var key = Encoding.UTF8.GetBytes(column[(dot + 1)..]);
            if (head == SystemFields.ExternalIds) return FlatCell.Member(source(sql.Json("external_ids")), key);
            if (head == SystemFields.Custom) return FlatCell.Member(source(sql.Json("custom")), key);
            var parent = def.IndexOf(head);
            if (parent >= 0 && def.Fields[parent] is { Kind: FieldKind.Object, Column: { } objectColumn })
                return FlatCell.Member(source(sql.Json(objectColumn)), key);
            return FlatCell.None;
        }
        foreach (var field in def.Fields)
            if (field is { Kind: FieldKind.Array, PrimaryProperty: { } property, Column: { } arrayColumn } && (field.ItemName ?? field.Name) == column)
                return FlatCell.Primary(source(sql.Json(arrayColumn)), Encoding.UTF8.GetBytes(property));
        return FlatCell.None;
    }

    /// <summary>Whether JSON taken from the stored text must be compacted first (jsonb's text has spaces).</summary>
    private bool CompactJson => _provider == DatabaseProvider.Postgres;

    /// <summary>
    /// Where the range of about <paramref name="rows"/> records after <paramref name="after"/> (from the start
    /// when null) ends, in id order, counting deleted records too: a walk of the primary key index alone, so
    /// ranges can be handed to readers on several cores. Null when fewer follow (the last range is open).
    /// </summary>
    public Guid? RangeEnd(FlatConnection connection, Guid? after, int rows)
    {
        var p = new ParameterList();
        var d = connection.Dialect;
        var where = after is { } a ? $" WHERE id > {p.Add(d, ColumnType.Uuid, a)}" : "";
        // Named apart from id: PostgreSQL would otherwise order by the selected text, not by the indexed uuid.
        using var result = connection.Query($"SELECT {_idSelectList} AS range_end FROM {_table.Name}{where} ORDER BY id LIMIT 1 OFFSET {rows - 1}", p);
        return result.Next() ? Guid.Parse(Encoding.ASCII.GetString(result.Text(0))) : null;
    }

    /// <summary>
    /// Hands the rows of <paramref name="query"/> (its filters and search, in id order) with ids after
    /// <paramref name="after"/> and up to <paramref name="through"/> (both optional) to <paramref name="sink"/>.
    /// </summary>
    /// <returns>How many rows were handed over.</returns>
    public int ReadRange(FlatConnection connection, ListQuery query, Guid? after, Guid? through, IFlatRowSink sink)
    {
        var range = new ListQuery { Search = query.Search, Limit = int.MaxValue - 1, After = after is { } a ? [a] : null };
        range.Filters.AddRange(query.Filters);
        if (through is { } t) range.Filters.Add(new Filter(IdField, FilterOp.Lte, t));
        var (sql, p) = new ListSqlBuilder(connection.Dialect, _table).Build(range, _selectList);
        using var rows = connection.Query(sql, p);
        var scratch = new JsonScratch();
        var members = Array.ConvertAll(_members, m => m?.Clone());
        var count = 0;
        while (rows.Next())
        {
            WriteRow(rows, members, sink, scratch);
            count++;
        }
        return count;
    }

    private static readonly FieldRef IdField = new(SystemFields.Id, FieldKind.Reference, FieldLocation.Column, "id", []);

    private void WriteRow(IFlatRowSource row, JsonMembers?[] members, IFlatRowSink sink, JsonScratch scratch)
    {
        scratch.Reset();
        var compact = CompactJson;
        for (var i = 0; i < members.Length; i++)
            members[i]?.Scan(row.Text(i), scratch, compact);
        foreach (var cell in _cells)
        {
            switch (cell.Kind)
            {
                case FlatCellKind.Direct:
                    sink.Cell(row.Text(cell.Source));
                    break;
                case FlatCellKind.Json:
                    sink.Cell(compact ? scratch.Compact(row.Text(cell.Source)) : row.Text(cell.Source));
                    break;
                case FlatCellKind.Member:
                    sink.Cell(members[cell.Source]!.Value(cell.Key!, row.Text(cell.Source), scratch));
                    break;
                case FlatCellKind.Primary:
                    sink.Cell(JsonMembers.PrimaryItemMember(row.Text(cell.Source), cell.Key!, scratch, compact));
                    break;
                default:
                    sink.Cell([]);
                    break;
            }
        }
        sink.EndRow();
    }
}

/// <summary>Receives the rows of <see cref="FlatRows.ReadRange"/>, cell by cell (UTF-8, valid only during the call).</summary>
public interface IFlatRowSink
{
    /// <summary>The next cell of the current row; empty for no value.</summary>
    void Cell(ReadOnlySpan<byte> utf8);

    void EndRow();
}

internal enum FlatCellKind { None, Direct, Json, Member, Primary }

/// <summary>Where one export cell comes from: a selected column (text, or JSON to show compact), a member of a JSON column, or the primary item's member of a JSON array.</summary>
internal readonly record struct FlatCell(FlatCellKind Kind, int Source, byte[]? Key)
{
    public static readonly FlatCell None = new(FlatCellKind.None, -1, null);
    public static FlatCell Direct(int source) => new(FlatCellKind.Direct, source, null);
    public static FlatCell Json(int source) => new(FlatCellKind.Json, source, null);
    public static FlatCell Member(int source, byte[] key) => new(FlatCellKind.Member, source, key);
    public static FlatCell Primary(int source, byte[] property) => new(FlatCellKind.Primary, source, property);
}
