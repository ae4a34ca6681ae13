using System.Data.Common;

namespace Rapport.Data.Sql;

/// <summary>
/// One connection, and for writes one transaction. Every write path (REST, batch, later import and
/// sync) runs its statements, change records included, inside one of these and commits once.
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private readonly Action<bool>? _release;
    private readonly Func<string, DbCommand>? _cachedCommand;
    private readonly List<DbCommand> _owned = [];
    private bool _done;
    private bool _failed;

    /// <param name="release">Called once at the end with whether the connection is fit for reuse.</param>
    /// <param name="cachedCommand">Where the provider keeps prepared commands per connection (SQLite); null to create fresh ones.</param>
    public DbSession(SqlDialect dialect, DbConnection connection, DbTransaction? transaction, Action<bool>? release,
        Func<string, DbCommand>? cachedCommand = null)
    {
        Dialect = dialect;
        Connection = connection;
        Transaction = transaction;
        _release = release;
        _cachedCommand = cachedCommand;
    }

    public SqlDialect Dialect { get; }
    public DbConnection Connection { get; }
    public DbTransaction? Transaction { get; }

    /// <summary>Set when the session wrote to the change table: its commit is worth telling the dispatchers about.</summary>
    public bool ChangesRecorded { get; set; }

    /// <summary>A command for this session. The session owns it: callers must not dispose it.</summary>
    public DbCommand Command(string sql)
    {
        DbCommand cmd;
        if (_cachedCommand is not null) cmd = _cachedCommand(sql);
        else
        {
            cmd = Connection.CreateCommand();
            cmd.CommandText = sql;
            _owned.Add(cmd);
        }
        cmd.Transaction = Transaction;
        return cmd;
    }

    public DbCommand Command(string sql, ParameterList parameters)
    {
        var cmd = Command(sql);
        parameters.AddTo(cmd, Dialect);
        return cmd;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (Transaction is not null) await Transaction.CommitAsync(ct);
        _done = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var cmd in _owned) await cmd.DisposeAsync();
            if (Transaction is not null)
            {
                if (!_done) await Transaction.RollbackAsync();
                await Transaction.DisposeAsync();
            }
            if (_release is null) await Connection.DisposeAsync();
        }
        catch
        {
            _failed = true;
            throw;
        }
        finally
        {
            _release?.Invoke(!_failed);
        }
    }
}
