using Rapport.Domain.Metadata;

namespace Rapport.Data.Records;

/// <summary>
/// The SQL that gives a stored column as the API's text (<c>QueryValues.ToText</c>) for the flat export path.
/// SQLite stores ids, instants, dates and decimals as that text already and only booleans as 0 and 1;
/// PostgreSQL formats its native types (uuid, timestamptz, date, numeric, boolean, jsonb).
/// </summary>
internal sealed class FlatSql(DatabaseProvider provider)
{
    private bool Postgres => provider == DatabaseProvider.Postgres;

    public string Id => Uuid("id");

    public string Uuid(string column) => Postgres ? $"{column}::text" : column;

    /// <summary>As <c>Timestamps.ToText</c>: <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>.</summary>
    public string Timestamp(string column) =>
        Postgres ? $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')" : column;

    public string Number(string column) => Postgres ? $"{column}::text" : column;

    /// <summary>Stored JSON as it is (jsonb goes into the row's JSON array as JSON, with its own spacing: the reader compacts it).</summary>
    public string Json(string column) => column;

    public string Scalar(string column, FieldKind kind) => kind switch
    {
        FieldKind.Boolean => Postgres
            ? $"CASE WHEN {column} THEN 'true' WHEN NOT {column} THEN 'false' END"
            : $"CASE {column} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END",
        FieldKind.DateTime => Timestamp(column),
        FieldKind.Date => Postgres ? $"to_char({column}, 'YYYY-MM-DD')" : column,
        _ => Postgres ? $"{column}::text" : column,
    };
}
