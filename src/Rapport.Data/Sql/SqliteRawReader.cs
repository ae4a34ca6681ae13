using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Rapport.Data.Sql;

/// <summary>
/// A read-only SQLite connection of its own for one bulk reader (the flat export), opened without SQLite's
/// per-call mutex (<c>SQLITE_OPEN_NOMUTEX</c>) and read through direct calls that pass the statement as a
/// plain pointer. Through the driver, each cell of a row costs two mutex round trips and two safe-handle
/// reference counts, more than SQLite's own work; here a cell is two short native calls. Safe because the
/// connection is used by one thread at a time and every statement is finalized by the code that prepared it
/// (never by a finalizer on another thread).
/// </summary>
public sealed partial class SqliteRawReader : IDisposable
{
    private const string Library = "e_sqlite3";

    private readonly sqlite3 _db;

    private SqliteRawReader(sqlite3 db) => _db = db;

    /// <summary>Opens <paramref name="path"/> read-only; readers of a WAL database never wait for the writer.</summary>
    public static SqliteRawReader Open(string path)
    {
        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc == raw.SQLITE_OK)
        {
            raw.sqlite3_busy_timeout(db, 10_000);
            // Pages read through the memory map, as on the pooled connections, instead of copied by read().
            rc = raw.sqlite3_exec(db, $"PRAGMA mmap_size={SqliteConnectionPool.MmapBytes}");
            if (rc == raw.SQLITE_OK) return new SqliteRawReader(db);
        }
        var message = db is null ? $"SQLite could not open {path} ({rc})." : raw.sqlite3_errmsg(db).utf8_to_string();
        db?.Dispose();
        throw new SqliteException(message, rc);
    }

    /// <summary>Prepares <paramref name="sql"/> and binds <paramref name="values"/> (as <see cref="ParameterList.Values"/> gives them) by position.</summary>
    internal Statement Prepare(string sql, IEnumerable<object?> values)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out sqlite3_stmt stmt);
        if (rc != raw.SQLITE_OK) throw Error(rc);
        try
        {
            var index = 1;
            foreach (var value in values) SqliteRaw.Bind(stmt, index++, value);
        }
        catch
        {
            raw.sqlite3_finalize(stmt);
            throw;
        }
        return new Statement(this, stmt);
    }

    private SqliteException Error(int rc) => new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));

    public void Dispose() => _db.Dispose();

    /// <summary>A prepared query stepped row by row; dispose it to finalize it.</summary>
    internal sealed class Statement(SqliteRawReader reader, sqlite3_stmt stmt) : Records.IFlatRowSource
    {
        private readonly IntPtr _handle = stmt.DangerousGetHandle();

        /// <summary>Steps to the next row: true for a row, false when the query is done.</summary>
        public bool Next()
        {
            var rc = Step(_handle);
            if (rc == raw.SQLITE_ROW) return true;
            if (rc == raw.SQLITE_DONE) return false;
            throw reader.Error(rc);
        }

        /// <summary>Cell <paramref name="index"/> of the current row as UTF-8 text (empty for NULL), valid until the next step.</summary>
        public unsafe ReadOnlySpan<byte> Text(int index)
        {
            var p = ColumnText(_handle, index);
            return p == IntPtr.Zero ? [] : new ReadOnlySpan<byte>((void*)p, ColumnBytes(_handle, index));
        }

        public void Dispose() => raw.sqlite3_finalize(stmt);
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int Step(IntPtr stmt);

    // Both only read the current row's memory (converting a number to text at most): short, never blocking.
    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial IntPtr ColumnText(IntPtr stmt, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial int ColumnBytes(IntPtr stmt, int index);
}
