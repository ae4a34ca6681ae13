using System.Text;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;

namespace Rapport.Data.Records;

/// <summary>
/// The flat export read path on SQLite: each row's stored columns are stepped with SQLite's own API and
/// every cell of the CSV row — the text <c>RecordFlattener</c> gives for the same column — is taken as UTF-8
/// straight from SQLite's memory, members of JSON columns (<c>address.city</c>, <c>custom.tier</c>, the
/// primary email) by one forward scan of the stored JSON. Nothing is materialised per record (no
/// <c>Record</c>, no .NET strings, no parsed documents), which is what a million-row export otherwise
/// spends its time on. Other databases and sorts take the record path.
/// </summary>
public sealed class SqliteFlatRows
{
    private readonly RecordTable _table;
    private readonly string _selectList;
    private readonly FlatCell[] _cells;
    private readonly JsonMembers?[] _members;

    private SqliteFlatRows(RecordTable table, List<string> sources, FlatCell[] cells)
    {
        _table = table;
        _selectList = string.Join(", ", sources);
        _cells = cells;
        _members = new JsonMembers?[sources.Count];
        foreach (var cell in cells)
            if (cell.Kind == FlatCellKind.Member)
                (_members[cell.Source] ??= new JsonMembers()).Add(cell.Key!);
        foreach (var members in _members) members?.Seal();
    }

    /// <summary>The reader for <paramref name="columns"/> (names as <c>CsvListWriter.Columns</c> gives them).</summary>
    public static SqliteFlatRows For(ObjectSchema schema, IReadOnlyList<string> columns)
    {
        var def = schema.Definition;
        var sources = new List<string> { "id" };
        int Source(string expression)
        {
            var at = sources.IndexOf(expression);
            if (at >= 0) return at;
            sources.Add(expression);
            return sources.Count - 1;
        }
        var cells = new FlatCell[columns.Count];
        for (var i = 0; i < columns.Count; i++) cells[i] = Plan(def, columns[i], Source);
        return new SqliteFlatRows(RecordTable.For(def), sources, cells);
    }

    private static FlatCell Plan(ObjectDef def, string column, Func<string, int> source)
    {
        switch (column)
        {
            case SystemFields.Id: return FlatCell.Direct(source("id"));
            case SystemFields.OwnerId: return FlatCell.Direct(source("owner_id"));
            case SystemFields.CreatedAt: return FlatCell.Direct(source("created_at"));
            case SystemFields.UpdatedAt: return FlatCell.Direct(source("updated_at"));
            case SystemFields.Version: return FlatCell.Direct(source("version"));
        }
        var index = def.IndexOf(column);
        if (index >= 0)
        {
            var field = def.Fields[index];
            if (field.Column is null) return FlatCell.None;
            // Stored values are already in the API's text form (ids, dates, timestamps and decimals as text,
            // nested values as compact JSON); only booleans are stored as 0 and 1.
            return FlatCell.Direct(source(field.Kind == FieldKind.Boolean
                ? $"CASE {field.Column} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END"
                : field.Column));
        }
        var dot = column.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var head = column[..dot];
            var key = Encoding.UTF8.GetBytes(column[(dot + 1)..]);
            if (head == SystemFields.ExternalIds) return FlatCell.Member(source("external_ids"), key);
            if (head == SystemFields.Custom) return FlatCell.Member(source("custom"), key);
            var parent = def.IndexOf(head);
            if (parent >= 0 && def.Fields[parent] is { Kind: FieldKind.Object, Column: { } objectColumn })
                return FlatCell.Member(source(objectColumn), key);
            return FlatCell.None;
        }
        foreach (var field in def.Fields)
            if (field is { Kind: FieldKind.Array, PrimaryProperty: { } property, Column: { } arrayColumn } && (field.ItemName ?? field.Name) == column)
                return FlatCell.Primary(source(arrayColumn), Encoding.UTF8.GetBytes(property));
        return FlatCell.None;
    }

    /// <summary>
    /// Where the range of about <paramref name="rows"/> records after <paramref name="after"/> (from the start
    /// when null) ends, in id order, counting deleted records too: a walk of the primary key index alone, so
    /// ranges can be handed to readers on several cores. Null when fewer follow (the last range is open).
    /// </summary>
    public Guid? RangeEnd(SqliteRawReader reader, SqlDialect dialect, Guid? after, int rows)
    {
        var sql = $"SELECT id FROM {_table.Name}{(after is null ? "" : " WHERE id > ?1")} ORDER BY id LIMIT 1 OFFSET {rows - 1}";
        using var stmt = reader.Prepare(sql, after is { } a ? [dialect.ToDb(ColumnType.Uuid, a)] : []);
        return stmt.Next() ? Guid.Parse(stmt.Text(0)) : null;
    }

    /// <summary>
    /// Hands the rows of <paramref name="query"/> (its filters and search, in id order) with ids after
    /// <paramref name="after"/> and up to <paramref name="through"/> (both optional) to <paramref name="sink"/>.
    /// </summary>
    /// <returns>How many rows were handed over.</returns>
    public int ReadRange(SqliteRawReader reader, SqlDialect dialect, ListQuery query, Guid? after, Guid? through, IFlatRowSink sink)
    {
        var range = new ListQuery { Search = query.Search, Limit = int.MaxValue - 1, After = after is { } a ? [a] : null };
        range.Filters.AddRange(query.Filters);
        if (through is { } t) range.Filters.Add(new Filter(IdField, FilterOp.Lte, t));
        var (sql, p) = new ListSqlBuilder(dialect, _table).Build(range, _selectList);
        using var stmt = reader.Prepare(sql, p.Values(dialect));
        var scratch = new JsonScratch();
        var members = Array.ConvertAll(_members, m => m?.Clone());
        var count = 0;
        while (stmt.Next())
        {
            WriteRow(stmt, members, sink, scratch);
            count++;
        }
        return count;
    }

    private static readonly FieldRef IdField = new(SystemFields.Id, FieldKind.Reference, FieldLocation.Column, "id", []);

    private void WriteRow(SqliteRawReader.Statement row, JsonMembers?[] members, IFlatRowSink sink, JsonScratch scratch)
    {
        scratch.Reset();
        for (var i = 0; i < members.Length; i++)
            members[i]?.Scan(row.Text(i), scratch);
        foreach (var cell in _cells)
        {
            switch (cell.Kind)
            {
                case FlatCellKind.Direct:
                    sink.Cell(row.Text(cell.Source));
                    break;
                case FlatCellKind.Member:
                    sink.Cell(members[cell.Source]!.Value(cell.Key!, row.Text(cell.Source), scratch));
                    break;
                case FlatCellKind.Primary:
                    sink.Cell(JsonMembers.PrimaryItemMember(row.Text(cell.Source), cell.Key!, scratch));
                    break;
                default:
                    sink.Cell([]);
                    break;
            }
        }
        sink.EndRow();
    }
}

/// <summary>Receives the rows of <see cref="SqliteFlatRows.ReadPage"/>, cell by cell (UTF-8, valid only during the call).</summary>
public interface IFlatRowSink
{
    /// <summary>The next cell of the current row; empty for no value.</summary>
    void Cell(ReadOnlySpan<byte> utf8);

    void EndRow();
}

internal enum FlatCellKind { None, Direct, Member, Primary }

/// <summary>Where one export cell comes from: a selected column, a member of a JSON column, or the primary item's member of a JSON array.</summary>
internal readonly record struct FlatCell(FlatCellKind Kind, int Source, byte[]? Key)
{
    public static readonly FlatCell None = new(FlatCellKind.None, -1, null);
    public static FlatCell Direct(int source) => new(FlatCellKind.Direct, source, null);
    public static FlatCell Member(int source, byte[] key) => new(FlatCellKind.Member, source, key);
    public static FlatCell Primary(int source, byte[] property) => new(FlatCellKind.Primary, source, property);
}
