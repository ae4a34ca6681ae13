using Rapport.Domain.Metadata;

namespace Rapport.IntegrationTests.Schema;

/// <summary>The CRM columns the metadata implies, with their SQLite and PostgreSQL types.</summary>
public static class ExpectedSchema
{
    public sealed record Column(string Table, string Name, string SqliteType, string PostgresType, bool Nullable);

    public static IEnumerable<Column> For(ObjectDef obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var t = obj.Table;
        yield return new(t, "id", "TEXT", "uuid", false);
        yield return new(t, "created_at", "TEXT", "timestamp with time zone", false);
        yield return new(t, "updated_at", "TEXT", "timestamp with time zone", false);
        yield return new(t, "deleted_at", "TEXT", "timestamp with time zone", true);
        yield return new(t, "version", "INTEGER", "bigint", false);
        yield return new(t, "owner_id", "TEXT", "uuid", false);
        yield return new(t, "external_ids", "TEXT", "jsonb", false);
        yield return new(t, "custom", "TEXT", "jsonb", false);
        foreach (var field in obj.Fields)
        {
            if (field.Column is null)
                continue;
            var (sqlite, pg) = TypesOf(field.Kind);
            yield return new(t, field.Column, sqlite, pg, true);
            if (field.PrimaryColumn is not null)
                yield return new(t, field.PrimaryColumn, "TEXT", "text", true);
        }
    }

    public static IEnumerable<Column> All() => StandardObjects.All.SelectMany(For);

    private static (string Sqlite, string Postgres) TypesOf(FieldKind kind) => kind switch
    {
        FieldKind.Integer => ("INTEGER", "bigint"),
        FieldKind.Boolean => ("INTEGER", "boolean"),
        FieldKind.Decimal or FieldKind.Money => ("TEXT", "numeric"),
        FieldKind.Date => ("TEXT", "date"),
        FieldKind.DateTime => ("TEXT", "timestamp with time zone"),
        FieldKind.Reference => ("TEXT", "uuid"),
        FieldKind.Object or FieldKind.Array or FieldKind.MultiPicklist => ("TEXT", "jsonb"),
        _ => ("TEXT", "text"),
    };
}
