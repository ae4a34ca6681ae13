using System.Data.Common;
using Npgsql;

namespace Rapport.Data.Sql;

/// <summary>PostgreSQL: native uuid, timestamptz, date, numeric and jsonb; many writers at once.</summary>
public sealed class PostgresDialect : SqlDialect, IDisposable
{
    private readonly NpgsqlDataSource _source;

    public PostgresDialect(string connectionString)
    {
        // Statements used again and again (get by id, insert) are prepared on the server automatically.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        // Sessions leave no state behind (locks are transaction-scoped, nothing is SET for a session), so a pooled
        // connection needs no reset: the reset costs six statements per open, a third of the server's statements
        // at 500 writes/s.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public void Dispose() => _source.Dispose();

    public override Task<DbSession> OpenAsync(bool write, CancellationToken ct) =>
        OpenAsync(write ? System.Data.IsolationLevel.Unspecified : null, ct);

    public override Task<DbSession> OpenSnapshotAsync(CancellationToken ct) => OpenAsync(System.Data.IsolationLevel.RepeatableRead, ct);

    /// <param name="transaction">The transaction's isolation (Unspecified: the server's default), or null for none.</param>
    private async Task<DbSession> OpenAsync(System.Data.IsolationLevel? transaction, CancellationToken ct)
    {
        var connection = await _source.OpenConnectionAsync(ct);
        try
        {
            var tx = transaction is { } level ? await connection.BeginTransactionAsync(level, ct) : null;
            return new DbSession(this, connection, tx, null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override object ToDb(ColumnType type, object value) => value switch
    {
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        _ => value,
    };

    public override object? Read(DbDataReader reader, int ordinal, ColumnType type)
    {
        if (reader.IsDBNull(ordinal)) return null;
        return type switch
        {
            ColumnType.Uuid => reader.GetGuid(ordinal),
            ColumnType.Timestamp => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc),
            ColumnType.Date => reader.GetFieldValue<DateOnly>(ordinal),
            ColumnType.Decimal => reader.GetDecimal(ordinal),
            ColumnType.Integer => reader.GetInt64(ordinal),
            ColumnType.Boolean => reader.GetBoolean(ordinal),
            _ => reader.GetString(ordinal),
        };
    }

    public override string Param(string name, ColumnType type) => type == ColumnType.Json ? $"CAST(@{name} AS jsonb)" : "@" + name;

    public override string JsonText(string column, IReadOnlyList<string> path) =>
        $"({column} #>> '{{{string.Join(',', path.Select(QuoteJsonKey))}}}')";

    public override string JsonNumber(string column, IReadOnlyList<string> path) => $"CAST({JsonText(column, path)} AS numeric)";

    public override string JsonBoolean(string column, IReadOnlyList<string> path) => $"CAST({JsonText(column, path)} AS boolean)";

    public override string DecimalColumn(string column) => column;

    public override object JsonNumberParam(decimal value) => value;

    public override string LikeInsensitive(string expression, string parameter) => $"{expression} ILIKE {parameter} ESCAPE '\\'";

    public override string JsonArrayAnyLike(string column, string property, string parameter) =>
        $"EXISTS (SELECT 1 FROM jsonb_array_elements({column}) item WHERE item ->> '{QuoteJsonKey(property)}' ILIKE {parameter} ESCAPE '\\')";

    // A NULLS clause on a column that cannot be null would stop PostgreSQL from reading a plain index in order.
    public override string OrderBy(string expression, bool descending, bool nullable) =>
        !nullable ? expression + (descending ? " DESC" : " ASC")
        : descending ? expression + " DESC NULLS LAST" : expression + " ASC NULLS FIRST";

    public override bool IsUniqueViolation(Exception exception) => exception is PostgresException { SqlState: "23505" };
}
