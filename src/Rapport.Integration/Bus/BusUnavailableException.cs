namespace Rapport.Integration.Bus;

/// <summary>
/// A batch was not confirmed as a whole: the broker was unreachable, closed the connection, refused
/// (nacked) a message or did not confirm in time. Some messages of the batch may have been delivered all
/// the same, so the caller publishes the whole batch again later (at least once) rather than skipping it.
/// </summary>
public sealed class BusUnavailableException : Exception
{
    public BusUnavailableException()
    {
    }

    public BusUnavailableException(string message)
        : base(message)
    {
    }

    public BusUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
