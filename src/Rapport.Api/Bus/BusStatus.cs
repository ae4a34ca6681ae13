namespace Rapport.Api.Bus;

/// <summary>
/// What the bus publisher of this process last saw, for <c>/health/ready</c>: a broker that refused
/// or could not be reached more recently than the last confirmed batch counts as down.
/// </summary>
public sealed class BusStatus
{
    private long _lastSuccessTicks;
    private long _lastFailureTicks;

    public string? LastError { get; private set; }

    public bool Down => Interlocked.Read(ref _lastFailureTicks) > Interlocked.Read(ref _lastSuccessTicks);

    public void Succeeded() => Interlocked.Exchange(ref _lastSuccessTicks, DateTime.UtcNow.Ticks);

    public void Failed(string error)
    {
        LastError = error;
        Interlocked.Exchange(ref _lastFailureTicks, DateTime.UtcNow.Ticks);
    }
}
