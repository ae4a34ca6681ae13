using System.Text;
using Rapport.Data.Sql;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;

namespace Rapport.Data.Records;

/// <summary>Translates a <see cref="ListQuery"/> into one keyset-paginated SELECT for either database.</summary>
public sealed class ListSqlBuilder(SqlDialect dialect, RecordTable table)
{
    private static readonly FieldRef IdRef = new(SystemFields.Id, FieldKind.Reference, FieldLocation.Column, "id", []);

    /// <param name="selectList">What to select instead of every column (the SQLite JSON read path).</param>
    public (string Sql, ParameterList Parameters) Build(ListQuery query, string? selectList = null)
    {
        var p = new ParameterList();
        var where = new List<string> { "deleted_at IS NULL" };
        foreach (var filter in query.Filters) where.Add(Condition(filter, p));
        if (query.Search is not null) where.Add(Search(query.Search, p));
        var keys = EffectiveKeys(query);
        if (query.After is not null) where.Add(Keyset(keys, query.After, p));
        var sql = new StringBuilder()
            .Append("SELECT ").Append(selectList ?? table.SelectList).Append(" FROM ").Append(table.Name)
            .Append(" WHERE ").AppendJoin(" AND ", where)
            .Append(" ORDER BY ").AppendJoin(", ", keys.Select(k => dialect.OrderBy(Expression(k.Field), k.Descending, nullable: !IsNeverNull(k.Field))))
            .Append(" LIMIT ").Append(query.Limit + 1);
        return (sql.ToString(), p);
    }

    /// <summary>The sort keys the store orders by, the id last; a cursor carries one value per key.</summary>
    public static IReadOnlyList<SortKey> EffectiveKeys(ListQuery query)
    {
        if (query.SortEndsWithId) return query.Sorts;
        return [.. query.Sorts, new SortKey(IdRef, false)];
    }

    private static bool IsNeverNull(FieldRef field) =>
        field.Location == FieldLocation.Column && field.Path is SystemFields.Id or SystemFields.CreatedAt or SystemFields.UpdatedAt
            or SystemFields.Version or SystemFields.OwnerId;

    private string Expression(FieldRef field) => field.Location switch
    {
        FieldLocation.Json when field.IsNumeric => dialect.JsonNumber(field.Column, field.JsonPath),
        FieldLocation.Json when field.Kind == FieldKind.Boolean => dialect.JsonBoolean(field.Column, field.JsonPath),
        FieldLocation.Json => dialect.JsonText(field.Column, field.JsonPath),
        FieldLocation.ExternalId => dialect.JsonText("external_ids", field.JsonPath),
        _ when field.Kind is FieldKind.Decimal or FieldKind.Money => dialect.DecimalColumn(field.Column),
        _ => field.Column,
    };

    private string Value(FieldRef field, object? value, ParameterList p)
    {
        if (value is null) return "NULL";
        if (field.Location == FieldLocation.Json || field.Location == FieldLocation.ExternalId)
        {
            if (field.IsNumeric) return p.AddRaw(dialect.JsonNumberParam(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)));
            if (field.Kind == FieldKind.Boolean) return p.Add(dialect, ColumnType.Boolean, value);
            return p.Add(dialect, ColumnType.Text, QueryValues.ToText(value));
        }
        if (field.Kind is FieldKind.Decimal or FieldKind.Money) return p.AddRaw(dialect.JsonNumberParam((decimal)value));
        var type = field.Path switch
        {
            SystemFields.Id or SystemFields.OwnerId => ColumnType.Uuid,
            SystemFields.CreatedAt or SystemFields.UpdatedAt => ColumnType.Timestamp,
            SystemFields.Version => ColumnType.Integer,
            _ => ColumnTypes.Of(field.Kind),
        };
        return p.Add(dialect, type, value);
    }

    private string Condition(Filter filter, ParameterList p)
    {
        var field = filter.Field;
        if (field.Location == FieldLocation.ExternalId)
        {
            var values = filter.Op == FilterOp.In ? (object?[])filter.Value! : [filter.Value];
            var list = string.Join(", ", values.Select(v => p.Add(dialect, ColumnType.Text, QueryValues.ToText(v))));
            return $"id IN (SELECT record_id FROM external_ids WHERE object = {p.Add(dialect, ColumnType.Text, table.Definition.Name)} " +
                   $"AND system = {p.Add(dialect, ColumnType.Text, field.JsonPath[0])} AND external_id IN ({list}))";
        }
        var expr = Expression(field);
        switch (filter.Op)
        {
            case FilterOp.IsNull: return (bool)filter.Value! ? $"{expr} IS NULL" : $"{expr} IS NOT NULL";
            case FilterOp.Contains: return dialect.LikeInsensitive(expr, p.Add(dialect, ColumnType.Text, "%" + SqlDialect.EscapeLike((string)filter.Value!) + "%"));
            case FilterOp.StartsWith: return dialect.LikeInsensitive(expr, p.Add(dialect, ColumnType.Text, SqlDialect.EscapeLike((string)filter.Value!) + "%"));
            case FilterOp.In:
                var items = (object?[])filter.Value!;
                return $"{expr} IN ({string.Join(", ", items.Select(v => Value(field, v, p)))})";
            case FilterOp.Ne: return $"({expr} IS NULL OR {expr} <> {Value(field, filter.Value, p)})";
        }
        var op = filter.Op switch { FilterOp.Lt => "<", FilterOp.Lte => "<=", FilterOp.Gt => ">", FilterOp.Gte => ">=", _ => "=" };
        return $"{expr} {op} {Value(field, filter.Value, p)}";
    }

    private string Search(string text, ParameterList p)
    {
        var pattern = p.Add(dialect, ColumnType.Text, "%" + SqlDialect.EscapeLike(text) + "%");
        var columns = table.Definition.Fields.Where(f => f.Searchable && f.Column is not null).Select(f => f.Column!).ToList();
        if (columns.Count == 0) return "1 = 0";
        var parts = columns.Select(c => dialect.LikeInsensitive(c, pattern));
        // Every email address and phone number, not only the primary ones — but not the item types or JSON keys.
        parts = parts.Concat(table.Definition.Fields.Where(f => f.PrimaryColumn is not null)
            .Select(f => dialect.JsonArrayAnyLike(f.Column!, f.PrimaryProperty!, pattern)));
        if (table.Definition.Fields.Any(f => f.Name == "firstName") && table.Definition.Fields.Any(f => f.Name == "lastName"))
            parts = parts.Append(dialect.LikeInsensitive(FullName(), pattern));
        return "(" + string.Join(" OR ", parts) + ")";
    }

    private string FullName() => dialect.Provider == DatabaseProvider.Postgres
        ? "(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))"
        : "(ifnull(first_name, '') || ' ' || ifnull(last_name, ''))";

    /// <summary>Rows strictly after the cursor position in (keys..., id) order, with nulls first ascending.</summary>
    private string Keyset(IReadOnlyList<SortKey> keys, IReadOnlyList<object?> after, ParameterList p)
    {
        var ors = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            var ands = new List<string>();
            for (var j = 0; j < i; j++) ands.Add(Equal(keys[j].Field, after[j], p));
            var next = After(keys[i], after[i], p);
            if (next is null) continue;
            ands.Add(next);
            ors.Add("(" + string.Join(" AND ", ands) + ")");
        }
        return ors.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", ors) + ")";
    }

    private string Equal(FieldRef field, object? value, ParameterList p) =>
        value is null ? $"{Expression(field)} IS NULL" : $"{Expression(field)} = {Value(field, value, p)}";

    private string? After(SortKey key, object? value, ParameterList p)
    {
        var expr = Expression(key.Field);
        if (!key.Descending) return value is null ? $"{expr} IS NOT NULL" : $"{expr} > {Value(key.Field, value, p)}";
        return value is null ? null : $"({expr} < {Value(key.Field, value, p)} OR {expr} IS NULL)";
    }
}
