using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Rapport.Data.Sql;

/// <summary>
/// Open SQLite connections kept with their prepared statements. Microsoft.Data.Sqlite re-prepares a
/// statement for every new command object; on the read path that compile step cost more than the
/// query itself, so each pooled connection keeps its commands by SQL text and reuses them.
/// </summary>
public sealed class SqliteConnectionPool(string connectionString, int maxIdle) : IDisposable
{
    /// <summary>
    /// Bytes of the database file each connection maps into memory (default 1 GiB, for the API's read path).
    /// Bulk commands set 0 before opening the database: they touch every page once, and mapped pages
    /// would count as the process's resident memory.
    /// </summary>
    public static long MmapBytes { get; set; } = 1L << 30;

    /// <summary>
    /// WAL pages after which a commit copies the log back into the database (SQLite's default, 1,000). Each
    /// checkpoint syncs the file: bulk commands, whose every batch fills the log several times over, set more.
    /// </summary>
    public static int WalAutoCheckpointPages { get; set; } = 1000;

    private readonly ConcurrentBag<PooledSqliteConnection> _idle = [];
    private bool _disposed;

    public PooledSqliteConnection Rent()
    {
        if (_idle.TryTake(out var pooled)) return pooled;
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // WAL with synchronous=NORMAL: a commit survives a process crash; only an OS crash or power
        // loss can drop the last commits. busy_timeout covers other processes (a CLI import).
        // mmap lets every connection read pages straight from the OS page cache instead of copying them
        // through read() into a small private cache: the list path reads many rows per request.
        pragma.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA mmap_size={MmapBytes}; PRAGMA cache_size=-8192; PRAGMA wal_autocheckpoint={WalAutoCheckpointPages};";
        pragma.ExecuteNonQuery();
        return new PooledSqliteConnection(connection);
    }

    public void Return(PooledSqliteConnection pooled, bool healthy)
    {
        if (!healthy || _disposed || _idle.Count >= maxIdle) { pooled.Dispose(); return; }
        _idle.Add(pooled);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var pooled)) pooled.Dispose();
    }
}

/// <summary>One open connection and its prepared commands, keyed by SQL text.</summary>
public sealed class PooledSqliteConnection(SqliteConnection connection) : IDisposable
{
    private const int MaxCommands = 256;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    public SqliteCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var cached))
        {
            cached.Parameters.Clear();
            return cached;
        }
        if (_commands.Count >= MaxCommands) ClearCommands();
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        _commands[sql] = command;
        return command;
    }

    private void ClearCommands()
    {
        foreach (var c in _commands.Values) c.Dispose();
        _commands.Clear();
    }

    public void Dispose()
    {
        ClearCommands();
        Connection.Dispose();
    }
}
