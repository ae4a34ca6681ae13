namespace Rapport.Api.Changes;

/// <summary>
/// Tells the dispatchers of this process that a write committed, so they start at once instead of at
/// their next poll (they still poll, for writes of other processes). Take <see cref="Next"/> before
/// looking for work, then wait on it: a write in between is not missed.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public Task Next() => Volatile.Read(ref _next).Task;

    /// <summary>Waits for <paramref name="next"/> or the poll interval, whichever comes first; never throws but for cancellation.</summary>
    public static async Task WaitAsync(Task next, TimeSpan poll, CancellationToken ct)
    {
        try { await next.WaitAsync(poll, ct); }
        catch (TimeoutException) { }
    }
}
