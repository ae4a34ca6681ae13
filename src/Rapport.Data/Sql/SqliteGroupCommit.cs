using System.Threading.Channels;

namespace Rapport.Data.Sql;

/// <summary>
/// Group commit for SQLite's single writer: writes that arrive while one transaction is running are
/// run together in the next one, each inside its own savepoint, and committed once. A failing write
/// rolls back to its savepoint and fails alone; nothing is reported done before the commit.
/// </summary>
public sealed class SqliteGroupCommit
{
    private const int MaxGroup = 64;
    private readonly Channel<IWork> _queue = Channel.CreateUnbounded<IWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<DbSession>> _open;

    public SqliteGroupCommit(Func<CancellationToken, Task<DbSession>> open)
    {
        _open = open;
        _ = Task.Run(LoopAsync);
    }

    public Task<T> RunAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var item = new Work<T>(work);
        if (!_queue.Writer.TryWrite(item)) throw new ObjectDisposedException(nameof(SqliteGroupCommit));
        return item.Completion.Task.WaitAsync(ct);
    }

    public void Complete() => _queue.Writer.TryComplete();

    private async Task LoopAsync()
    {
        var group = new List<IWork>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var item)) group.Add(item);
            if (group.Count == 0) continue;
            await RunGroupAsync(group);
        }
    }

    private async Task RunGroupAsync(List<IWork> group)
    {
        DbSession session;
        try
        {
            session = await _open(CancellationToken.None);
        }
        catch (Exception e)
        {
            foreach (var w in group) w.Fail(e);
            return;
        }
        await using (session)
        {
            var tx = session.Transaction!;
            for (var i = 0; i < group.Count; i++)
            {
                var savepoint = "w" + i;
                await tx.SaveAsync(savepoint);
                try
                {
                    await group[i].RunAsync(session);
                    await tx.ReleaseAsync(savepoint);
                }
                catch (Exception e)
                {
                    group[i].Fail(e);
                    try
                    {
                        await tx.RollbackAsync(savepoint);
                        await tx.ReleaseAsync(savepoint);
                    }
                    catch (Exception rollback)
                    {
                        // The transaction itself is broken: nothing of this group can be committed.
                        for (var j = 0; j < group.Count; j++) if (j != i) group[j].Fail(rollback);
                        return;
                    }
                }
            }
            try
            {
                await session.CommitAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                foreach (var w in group) w.Fail(e);
                return;
            }
        }
        foreach (var w in group) w.Succeed();
    }

    private interface IWork
    {
        Task RunAsync(DbSession session);
        void Fail(Exception e);
        void Succeed();
    }

    private sealed class Work<T>(Func<DbSession, CancellationToken, Task<T>> work) : IWork
    {
        private T? _result;
        private bool _failed;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(DbSession session) => _result = await work(session, CancellationToken.None);

        public void Fail(Exception e)
        {
            _failed = true;
            Completion.TrySetException(e);
        }

        public void Succeed()
        {
            if (!_failed) Completion.TrySetResult(_result!);
        }
    }
}
