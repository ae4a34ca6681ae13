using Rapport.Api.Errors;
using Rapport.Api.Infrastructure;
using Rapport.Data.Changes;

namespace Rapport.Api.Changes;

/// <summary>
/// One page of the feed, as rows or (for JSON) as the entries' JSON, comma-separated (dispose the page
/// once written: its bytes are pooled); <c>Next</c> is where the next read starts (also when the page is empty).
/// </summary>
public sealed record ChangePage(IReadOnlyList<ChangeRow> Changes, JsonEntries? Entries, long Next, bool HasMore) : IDisposable
{
    public void Dispose() => Entries?.Dispose();
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

    /// <param name="asJson">Each entry as JSON built by the database (the fast path for JSON answers), instead of rows.</param>
    public async Task<ChangePage> ReadAsync(long? since, IReadOnlyCollection<string>? objects, int limit, bool asJson, CancellationToken ct)
    {
        // On PostgreSQL, number what has committed by now, so a reader sees its own writes at once.
        await ChangeStore.SequenceAsync(db.Dialect, ct);
        await using var s = await db.ReadAsync(ct);
        // Every seq up to the highest one visible now is final (see ChangeStore), so a filtered page that
        // found fewer rows may still move the cursor up to it.
        var last = await ChangeStore.LastSeqAsync(s, ct);
        var from = since ?? 0;
        var rows = asJson ? [] : await ChangeStore.ReadAsync(s, from, last, objects, limit + 1, ct);
        var entries = asJson ? await ChangeStore.ReadJsonAsync(s, from, last, objects, limit, ct) : null;
        try
        {
            // The floor is read after the rows: retention deletes and raises it in one transaction, so a page
            // that lacks deleted changes always meets the raised floor here.
            var floor = await ChangeConsumers.PositionAsync(s, ChangeConsumers.Retention, ct);
            if (since is { } cursor && cursor < floor)
                throw new ApiException(410, "Gone",
                    $"Changes up to seq {floor} are past the retention window and were deleted, so changes after cursor {cursor} would be missed. " +
                    $"Resynchronise (for example with an export), then read the feed from since={floor}.");
            var more = rows.Count > limit || entries?.More == true;
            if (more && entries is null) rows.RemoveAt(rows.Count - 1);
            var next = !more ? Math.Max(Math.Max(from, last), floor) : entries?.LastSeq ?? rows[^1].Seq;
            return new ChangePage(rows, entries, next, more);
        }
        catch
        {
            entries?.Dispose();
            throw;
        }
    }
}
