using System.Buffers;
using Rapport.Api.Errors;
using Rapport.Api.Infrastructure;
using Rapport.Data.Changes;
using Rapport.Data.Sql;

namespace Rapport.Api.Changes;

/// <summary>
/// One page of the feed. <c>Next</c> is where the next read starts (also when the page is empty) and <c>HasMore</c>
/// says that changes follow the page; both are known before the entries are read, so the page can be sent as it is
/// read. Read as rows (<see cref="Changes"/>, for XML and CloudEvents) the page is complete when it is returned; read
/// as JSON it holds its database snapshot open until <see cref="WriteJsonAsync"/> has streamed it: dispose it after.
/// </summary>
public sealed class ChangePage : IAsyncDisposable
{
    private readonly DbSession? _snapshot;
    private readonly long _from;
    private readonly long _until;
    private readonly IReadOnlyCollection<string>? _objects;

    internal ChangePage(IReadOnlyList<ChangeRow> changes, long next, bool hasMore)
    {
        Changes = changes;
        Next = next;
        HasMore = hasMore;
    }

    internal ChangePage(DbSession snapshot, long from, long until, IReadOnlyCollection<string>? objects, long next, bool hasMore)
        : this([], next, hasMore)
    {
        _snapshot = snapshot;
        _from = from;
        _until = until;
        _objects = objects;
    }

    public IReadOnlyList<ChangeRow> Changes { get; }
    public long Next { get; }
    public bool HasMore { get; }

    /// <summary>Writes the page's entries as JSON, comma-separated (<see cref="ChangeStore.WriteJsonAsync"/>), flushing as it goes.</summary>
    public Task<int> WriteJsonAsync(IBufferWriter<byte> output, Func<CancellationToken, ValueTask> flush, CancellationToken ct) =>
        _snapshot is null
            ? throw new InvalidOperationException("This page was read as rows.")
            : ChangeStore.WriteJsonAsync(_snapshot, _from, _until, _objects, output, flush, ct);

    public ValueTask DisposeAsync() => _snapshot?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Reads the change feed (contract §4) in commit order from a cursor, the seq of the last change
/// seen. A cursor below what retention deleted answers 410: the changes after it are gone, and a
/// reader that went on would miss them without knowing.
/// </summary>
public sealed class ChangeFeed(Database db)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    /// <param name="asJson">
    /// Read the page as JSON entries built by the database and streamed (the fast path for JSON answers) instead
    /// of as rows.
    /// </param>
    public async Task<ChangePage> ReadAsync(long? since, IReadOnlyCollection<string>? objects, int limit, bool asJson, CancellationToken ct)
    {
        // On PostgreSQL, number what has committed by now, so a reader sees its own writes at once.
        await ChangeStore.SequenceAsync(db.Dialect, ct);
        // One snapshot for the whole page: retention deletes old changes and raises its floor in one transaction,
        // so the floor checked here is the one that holds for every change read after it, even one streamed later.
        var s = await db.Dialect.OpenSnapshotAsync(ct);
        var streamed = false;
        try
        {
            // Every seq up to the highest one visible now is final (see ChangeStore), so a filtered page that
            // found fewer rows may still move the cursor up to it.
            var last = await ChangeStore.LastSeqAsync(s, ct);
            var floor = await ChangeConsumers.PositionAsync(s, ChangeConsumers.Retention, ct);
            if (since is { } cursor && cursor < floor)
                throw new ApiException(410, "Gone",
                    $"Changes up to seq {floor} are past the retention window and were deleted, so changes after cursor {cursor} would be missed. " +
                    $"Resynchronise (for example with an export), then read the feed from since={floor}.");
            var from = since ?? 0;
            var end = Math.Max(Math.Max(from, last), floor);
            if (asJson)
            {
                var (full, more) = await ChangeStore.PageEndAsync(s, from, last, objects, limit, ct);
                streamed = true;
                return more ? new ChangePage(s, from, full!.Value, objects, full.Value, hasMore: true) : new ChangePage(s, from, last, objects, end, hasMore: false);
            }
            var rows = await ChangeStore.ReadAsync(s, from, last, objects, limit + 1, ct);
            if (rows.Count <= limit) return new ChangePage(rows, end, hasMore: false);
            rows.RemoveAt(rows.Count - 1);
            return new ChangePage(rows, rows[^1].Seq, hasMore: true);
        }
        finally
        {
            if (!streamed) await s.DisposeAsync();
        }
    }
}
