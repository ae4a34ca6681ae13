namespace Rapport.Integration.Formats;

/// <summary>
/// An XML request body that cannot be accepted: malformed, carrying a DTD, or over the size and
/// nesting limits. The message is one line meant for the client (with line and position when known),
/// so the API can answer 400 with it and never leak a parser stack trace.
/// </summary>
public sealed class XmlBodyException : Exception
{
    public XmlBodyException()
        : base("The XML body is not accepted.")
    {
    }

    public XmlBodyException(string message)
        : base(message)
    {
    }

    public XmlBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public XmlBodyException(string message, int? line, int? position, Exception? innerException = null)
        : base(message, innerException)
    {
        Line = line;
        Position = position;
    }

    /// <summary>The 1-based line of the problem, when the parser knew it.</summary>
    public int? Line { get; }

    /// <summary>The 1-based position within <see cref="Line"/>, when the parser knew it.</summary>
    public int? Position { get; }
}
