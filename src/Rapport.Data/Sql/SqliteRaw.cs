using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Rapport.Data.Sql;

/// <summary>
/// SQLite's own statement API for hot bulk paths (import, change recording): one prepared statement
/// stepped per row with parameters bound by position, where the driver's per-execution work would cost
/// more than SQLite's insert. Errors become the driver's <see cref="SqliteException"/>, so callers
/// recognise constraint violations as usual.
/// </summary>
internal static class SqliteRaw
{
    public static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out sqlite3_stmt stmt));
        return stmt;
    }

    public static void Bind(sqlite3_stmt stmt, int index, object? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(stmt, index),
            string text => BindText(stmt, index, text),
            long number => raw.sqlite3_bind_int64(stmt, index, number),
            int number => raw.sqlite3_bind_int64(stmt, index, number),
            double real => raw.sqlite3_bind_double(stmt, index, real),
            _ => raw.sqlite3_bind_text(stmt, index, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (rc != raw.SQLITE_OK) throw new InvalidOperationException($"SQLite could not bind parameter {index} ({rc}).");
    }

    [ThreadStatic] private static byte[]? _utf8;

    /// <summary>Binds text through one reused UTF-8 buffer (SQLite copies it): the driver's own overload allocates an array per value.</summary>
    private static int BindText(sqlite3_stmt stmt, int index, string text)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        // An empty span would reach SQLite as a null pointer, which binds NULL rather than ''.
        if (text.Length == 0 || max > 1 << 20) return raw.sqlite3_bind_text(stmt, index, text);
        var buffer = _utf8 is { } b && b.Length >= max ? b : _utf8 = new byte[Math.Max(max, 4096)];
        var length = System.Text.Encoding.UTF8.GetBytes(text, buffer);
        return raw.sqlite3_bind_text(stmt, index, new ReadOnlySpan<byte>(buffer, 0, length));
    }

    /// <summary>Runs the bound statement once and resets it for the next row.</summary>
    public static void Step(SqliteConnection connection, sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE) Check(connection.Handle!, rc);
    }

    /// <summary>Steps a query to its next row: true for a row, false when it is done.</summary>
    public static bool NextRow(SqliteConnection connection, sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        if (rc == raw.SQLITE_ROW) return true;
        Check(connection.Handle!, rc);
        return false;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
    }
}
