namespace Rapport.Integration.Formats;

/// <summary>The file cannot be read as the format it claims to be; <see cref="Line"/> is 1-based, 0 when unknown.</summary>
public sealed class ImportFormatException(string message, long line = 0, Exception? inner = null) : Exception(message, inner)
{
    public long Line { get; } = line;
}
