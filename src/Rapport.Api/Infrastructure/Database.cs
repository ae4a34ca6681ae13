using Rapport.Data;
using Rapport.Data.Sql;

namespace Rapport.Api.Infrastructure;

/// <summary>The configured database: the SQL dialect for record access and EF contexts for system tables.</summary>
public sealed class Database(DatabaseTarget target) : IDisposable
{
    public DatabaseTarget Target { get; } = target;
    public SqlDialect Dialect { get; } = SqlDialect.For(target);

    public Task<DbSession> ReadAsync(CancellationToken ct) => Dialect.OpenAsync(write: false, ct);

    public Task<DbSession> WriteAsync(CancellationToken ct) => Dialect.OpenAsync(write: true, ct);

    /// <summary>
    /// Pulsed after a write through <see cref="WriteAsync{T}"/> that recorded changes committed: wakes this
    /// process's dispatchers. Their own bookkeeping writes record no changes, so they do not wake themselves.
    /// </summary>
    public Changes.ChangeSignal Committed { get; } = new();

    /// <summary>
    /// PostgreSQL: pulsed when this process's sequencer gave committed changes their place in the feed,
    /// the moment they become visible to the feed's consumers (on SQLite that is the commit itself).
    /// </summary>
    public Changes.ChangeSignal Sequenced { get; } = new();

    /// <summary>The signal that tells this process's consumers new changes are visible in the feed.</summary>
    public Changes.ChangeSignal ChangesVisible => Target.Provider == DatabaseProvider.Postgres ? Sequenced : Committed;

    /// <summary>Runs <paramref name="work"/> in a write transaction and returns once it is committed (grouped on SQLite).</summary>
    public async Task<T> WriteAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var recorded = false;
        var result = await Dialect.WriteAsync(async (s, c) =>
        {
            var r = await work(s, c);
            recorded |= s.ChangesRecorded;
            return r;
        }, ct);
        if (recorded) Committed.Pulse();
        return result;
    }

    public RapportDbContext Context() => RapportDbContext.Create(Target);

    /// <summary>Closes the pooled connections (and so the SQLite file handles).</summary>
    public void Dispose() => (Dialect as IDisposable)?.Dispose();
}
