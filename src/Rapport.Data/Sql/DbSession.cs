using System.Data.Common;

namespace Rapport.Data.Sql;

/// <summary>
/// One connection, and for writes one transaction. Every write path (REST, batch, later import and
/// sync) runs its statements, change records included, inside one of these and commits once.
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private readonly Action? _release;
    private bool _done;

    public DbSession(SqlDialect dialect, DbConnection connection, DbTransaction? transaction, Action? release)
    {
        Dialect = dialect;
        Connection = connection;
        Transaction = transaction;
        _release = release;
    }

    public SqlDialect Dialect { get; }
    public DbConnection Connection { get; }
    public DbTransaction? Transaction { get; }

    public DbCommand Command(string sql)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
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
            if (Transaction is not null)
            {
                if (!_done) await Transaction.RollbackAsync();
                await Transaction.DisposeAsync();
            }
            await Connection.DisposeAsync();
        }
        finally
        {
            _release?.Invoke();
        }
    }
}
