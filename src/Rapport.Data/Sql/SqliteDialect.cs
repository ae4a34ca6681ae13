using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Domain.Records;

namespace Rapport.Data.Sql;

/// <summary>
/// SQLite: ids, instants, dates and decimals as text (fixed formats, so text order is value order),
/// one writer at a time through an in-process gate, WAL so readers never wait for it.
/// </summary>
public sealed class SqliteDialect(string connectionString) : SqlDialect, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SqliteConnectionPool _pool = new(connectionString, maxIdle: 64);
    private readonly Lock _groupLock = new();
    private SqliteGroupCommit? _groupCommit;

    public override Task<T> WriteAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var group = _groupCommit;
        if (group is null)
        {
            lock (_groupLock) group = _groupCommit ??= new SqliteGroupCommit(c => OpenAsync(write: true, c));
        }
        return group.RunAsync(work, ct);
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override async Task<DbSession> OpenAsync(bool write, CancellationToken ct)
    {
        if (write) await _writer.WaitAsync(ct);
        return Open(write, snapshot: false);
    }

    /// <summary>A deferred transaction: its snapshot is taken by the first read and held until the session ends.</summary>
    public override Task<DbSession> OpenSnapshotAsync(CancellationToken ct) => Task.FromResult(Open(write: false, snapshot: true));

    private DbSession Open(bool write, bool snapshot)
    {
        PooledSqliteConnection? pooled = null;
        try
        {
            pooled = _pool.Rent();
            var tx = write || snapshot ? pooled.Connection.BeginTransaction(deferred: !write) : null;
            var rented = pooled;
            return new DbSession(this, pooled.Connection, tx, healthy =>
            {
                _pool.Return(rented, healthy);
                if (write) _writer.Release();
            }, rented.Command);
        }
        catch
        {
            if (pooled is not null) _pool.Return(pooled, healthy: false);
            if (write) _writer.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _groupCommit?.Complete();
        _pool.Dispose();
    }

    public override object ToDb(ColumnType type, object value) => value switch
    {
        Guid g => g.ToString("D"),
        DateTime t => Timestamps.ToText(t),
        DateOnly d => Timestamps.ToText(d),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        _ => value,
    };

    public override object? Read(DbDataReader reader, int ordinal, ColumnType type)
    {
        if (reader.IsDBNull(ordinal)) return null;
        return type switch
        {
            ColumnType.Uuid => Guid.Parse(reader.GetString(ordinal)),
            ColumnType.Timestamp => Timestamps.ParseStored(reader.GetString(ordinal)),
            ColumnType.Date => DateOnly.ParseExact(reader.GetString(ordinal), Timestamps.DateFormat, CultureInfo.InvariantCulture),
            ColumnType.Decimal => decimal.Parse(reader.GetString(ordinal), NumberStyles.Float, CultureInfo.InvariantCulture),
            ColumnType.Integer => reader.GetInt64(ordinal),
            ColumnType.Boolean => reader.GetInt64(ordinal) != 0,
            _ => reader.GetString(ordinal),
        };
    }

    public override string JsonText(string column, IReadOnlyList<string> path) =>
        $"json_extract({column}, '$.{string.Join('.', path.Select(QuoteJsonKey))}')";

    public override string JsonNumber(string column, IReadOnlyList<string> path) => $"CAST({JsonText(column, path)} AS REAL)";

    public override string JsonBoolean(string column, IReadOnlyList<string> path) => JsonText(column, path);

    public override string DecimalColumn(string column) => $"CAST({column} AS REAL)";

    public override object JsonNumberParam(decimal value) => (double)value;

    public override string LikeInsensitive(string expression, string parameter) => $"{expression} LIKE {parameter} ESCAPE '\\'";

    public override string JsonArrayAnyLike(string column, string property, string parameter) =>
        $"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_extract(value, '$.{QuoteJsonKey(property)}') LIKE {parameter} ESCAPE '\\')";

    public override string OrderBy(string expression, bool descending, bool nullable) => descending ? expression + " DESC" : expression + " ASC";

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
