using System.Data.Common;
using Rapport.Data.Sql;
using Rapport.Domain.Records;

namespace Rapport.Data.Records;

/// <summary>Materialises a row selected with <see cref="RecordTable.SelectList"/>.</summary>
public static class RecordReader
{
    public static Record Read(DbDataReader reader, RecordTable table, SqlDialect dialect)
    {
        var record = new Record
        {
            Values = new object?[table.Definition.Fields.Count],
            Id = (Guid)dialect.Read(reader, 0, ColumnType.Uuid)!,
            CreatedAt = (DateTime)dialect.Read(reader, 1, ColumnType.Timestamp)!,
            UpdatedAt = (DateTime)dialect.Read(reader, 2, ColumnType.Timestamp)!,
            DeletedAt = (DateTime?)dialect.Read(reader, 3, ColumnType.Timestamp),
            Version = reader.GetInt64(4),
            OwnerId = (Guid)dialect.Read(reader, 5, ColumnType.Uuid)!,
            ExternalIdsJson = reader.GetString(6),
            CustomJson = reader.GetString(7),
        };
        var ordinal = RecordTable.SystemColumnCount;
        foreach (var (fieldIndex, _, type) in table.FieldColumns)
            record.Values[fieldIndex] = dialect.Read(reader, ordinal++, type);
        foreach (var column in table.DerivedColumns)
        {
            record.Derived[column] = reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
            ordinal++;
        }
        return record;
    }
}
