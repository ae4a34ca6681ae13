namespace Rapport.Data.Sql;

/// <summary>
/// Values for a SQL <c>IN (...)</c> list, split into chunks and each chunk padded (its last value
/// repeated) to a power of two: a lookup then has few distinct SQL texts, so the prepared-statement
/// caches keep hitting instead of filling with one statement per list length.
/// </summary>
public static class InList
{
    public const int MaxChunk = 512;

    public static IEnumerable<IReadOnlyList<T>> Chunks<T>(IEnumerable<T> values, int maxChunk = MaxChunk)
    {
        foreach (var chunk in values.Distinct().Chunk(maxChunk))
            yield return Padded(chunk);
    }

    public static IReadOnlyList<T> Padded<T>(IReadOnlyList<T> values)
    {
        var size = 1;
        while (size < values.Count) size *= 2;
        if (size == values.Count) return values;
        var padded = new List<T>(size);
        padded.AddRange(values);
        while (padded.Count < size) padded.Add(values[^1]);
        return padded;
    }
}
