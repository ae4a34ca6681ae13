using System.Collections.Concurrent;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;

namespace Rapport.Data.Records;

/// <summary>The columns of one object's table and the SQL built from them once.</summary>
public sealed class RecordTable
{
    private static readonly ConcurrentDictionary<ObjectDef, RecordTable> Cache = new();

    public const int SystemColumnCount = 8;

    private RecordTable(ObjectDef def)
    {
        Definition = def;
        var fields = new List<(int FieldIndex, string Column, ColumnType Type)>();
        for (var i = 0; i < def.Fields.Count; i++)
        {
            var f = def.Fields[i];
            if (f.Column is not null) fields.Add((i, f.Column, ColumnTypes.Of(f.Kind)));
        }
        FieldColumns = fields;
        DerivedColumns = def.Fields.Where(f => f.PrimaryColumn is not null).Select(f => f.PrimaryColumn!).ToList();
        var all = new List<string> { "id", "created_at", "updated_at", "deleted_at", "version", "owner_id", "external_ids", "custom" };
        all.AddRange(fields.Select(c => c.Column));
        all.AddRange(DerivedColumns);
        AllColumns = all;
        SelectList = string.Join(", ", all);
        SelectLiveById = $"SELECT {SelectList} FROM {def.Table} WHERE id = @p0 AND deleted_at IS NULL";
        SelectAnyById = $"SELECT {SelectList} FROM {def.Table} WHERE id = @p0";
    }

    public static RecordTable For(ObjectDef def) => Cache.GetOrAdd(def, d => new RecordTable(d));

    public ObjectDef Definition { get; }
    public string Name => Definition.Table;
    public IReadOnlyList<(int FieldIndex, string Column, ColumnType Type)> FieldColumns { get; }
    public IReadOnlyList<string> DerivedColumns { get; }
    public IReadOnlyList<string> AllColumns { get; }
    public string SelectList { get; }

    /// <summary>The hot path of <c>GET /{object}/{id}</c>, built once: one parameter <c>@p0</c>, the id.</summary>
    public string SelectLiveById { get; }

    public string SelectAnyById { get; }

    private readonly ConcurrentDictionary<DatabaseProvider, string> _insertSql = new();

    /// <summary>
    /// <c>INSERT</c> of every column with parameters p0.. in <see cref="AllColumns"/> order, built once per
    /// dialect (the same text every time, so prepared statements are reused and nothing is rebuilt per row).
    /// </summary>
    public string InsertSql(SqlDialect dialect)
    {
        return _insertSql.GetOrAdd(dialect.Provider, _ => BuildInsert(dialect));
    }

    private string BuildInsert(SqlDialect dialect)
    {
        var types = new List<ColumnType>
        {
            ColumnType.Uuid, ColumnType.Timestamp, ColumnType.Timestamp, ColumnType.Timestamp, ColumnType.Integer, ColumnType.Uuid, ColumnType.Json, ColumnType.Json,
        };
        types.AddRange(FieldColumns.Select(c => c.Type));
        types.AddRange(DerivedColumns.Select(_ => ColumnType.Text));
        return $"INSERT INTO {Name} ({SelectList}) VALUES ({string.Join(", ", types.Select((t, i) => dialect.Param("p" + i, t)))})";
    }
}
