using System.Data.Common;
using Rapport.Domain.Querying;

namespace Rapport.Data.Sql;

/// <summary>
/// Everything that differs between SQLite and PostgreSQL for the metadata-driven record SQL, kept
/// in one place: connections, value binding and reading, JSON access, case-insensitive matching.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    public static SqlDialect For(DatabaseTarget target) => target.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(target.ConnectionString),
        DatabaseProvider.Postgres => new PostgresDialect(target.ConnectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>Opens a session; a write session holds a transaction (and, on SQLite, the single writer slot).</summary>
    public abstract Task<DbSession> OpenAsync(bool write, CancellationToken ct);

    /// <summary>
    /// Opens a read session whose statements all see one snapshot of the database (a read transaction, never
    /// committed): what a reader checks first still holds for what it reads after, even while writers commit.
    /// </summary>
    public abstract Task<DbSession> OpenSnapshotAsync(CancellationToken ct);

    /// <summary>
    /// Runs one unit of work in a write transaction and commits it; the result is returned only once it
    /// is durable. An exception rolls the work back completely. SQLite groups concurrent units into one commit.
    /// </summary>
    public virtual async Task<T> WriteAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        await using var session = await OpenAsync(write: true, ct);
        var result = await work(session, ct);
        await session.CommitAsync(ct);
        return result;
    }

    public abstract object ToDb(ColumnType type, object value);

    public abstract object? Read(DbDataReader reader, int ordinal, ColumnType type);

    /// <summary>SQL for a parameter of the given type (PostgreSQL needs jsonb casts).</summary>
    public virtual string Param(string name, ColumnType type) => "@" + name;

    /// <summary>SQL for the text of a value inside a JSON column.</summary>
    public abstract string JsonText(string column, IReadOnlyList<string> path);

    /// <summary>SQL for a JSON value compared as a number / boolean.</summary>
    public abstract string JsonNumber(string column, IReadOnlyList<string> path);

    public abstract string JsonBoolean(string column, IReadOnlyList<string> path);

    /// <summary>A numeric comparison form of a decimal column (SQLite keeps decimals as exact text).</summary>
    public abstract string DecimalColumn(string column);

    public abstract string LikeInsensitive(string expression, string parameter);

    /// <summary>True when some item of a JSON array column has a property matching the LIKE pattern.</summary>
    public abstract string JsonArrayAnyLike(string column, string property, string parameter);

    /// <summary>An ORDER BY term; nulls sort first ascending (last descending) in both databases.</summary>
    public abstract string OrderBy(string expression, bool descending, bool nullable);

    /// <summary>Whether an exception is a unique-constraint violation.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    public abstract object JsonNumberParam(decimal value);

    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public static string QuoteJsonKey(string key)
    {
        foreach (var ch in key)
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.')) throw new ArgumentException("Unsafe JSON key.", nameof(key));
        return key;
    }
}
