using Rapport.Domain.Metadata;

namespace Rapport.Data.Sql;

/// <summary>The storage types of the CRM tables; each dialect maps them to its own (see the migrations).</summary>
public enum ColumnType { Uuid, Timestamp, Date, Text, Integer, Boolean, Decimal, Json }

public static class ColumnTypes
{
    public static ColumnType Of(FieldKind kind) => kind switch
    {
        FieldKind.Integer => ColumnType.Integer,
        FieldKind.Decimal or FieldKind.Money => ColumnType.Decimal,
        FieldKind.Date => ColumnType.Date,
        FieldKind.DateTime => ColumnType.Timestamp,
        FieldKind.Boolean => ColumnType.Boolean,
        FieldKind.Reference => ColumnType.Uuid,
        FieldKind.Object or FieldKind.Array or FieldKind.MultiPicklist => ColumnType.Json,
        _ => ColumnType.Text,
    };
}
