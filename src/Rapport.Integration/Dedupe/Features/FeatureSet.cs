namespace Rapport.Integration.Dedupe.Features;

/// <summary>
/// All compared features of a table, normalised once before any pair is looked at. Built column by
/// column in parallel (each column is independent), then copied row by row into <see cref="Rows"/>:
/// comparing a pair touches one record's ids in one cache line instead of one line per column.
/// </summary>
internal sealed class FeatureSet
{
    private FeatureSet(IReadOnlyList<MatchField> fields, FeatureColumn[] columns, int count)
    {
        Fields = fields;
        Columns = columns;
        Count = count;
        var width = columns.Length;
        Rows = new int[(long)count * width];
        for (var f = 0; f < width; f++)
        {
            var ids = columns[f].Ids;
            for (var row = 0; row < count; row++) Rows[(long)row * width + f] = ids[row];
        }
    }

    public IReadOnlyList<MatchField> Fields { get; }

    public FeatureColumn[] Columns { get; }

    public int Count { get; }

    /// <summary>Value ids row by row: record r's id of field f at r * Fields.Count + f.</summary>
    public int[] Rows { get; }

    public static FeatureSet Build(MatchTable table, IReadOnlyList<MatchField> fields, bool keepLookups, int parallelism, CancellationToken ct)
    {
        var sources = SourceColumns(table, fields);
        var columns = new FeatureColumn[fields.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        Parallel.For(0, fields.Count, options, f =>
            columns[f] = FeatureColumn.Build(fields[f].Kind, table.Column(sources[f]), keepLookups));
        return new FeatureSet(fields, columns, table.Count);
    }

    /// <summary>Incoming records as ids into this set's values (this set must keep its lookups).</summary>
    public FeatureSet Probe(MatchTable incoming)
    {
        var sources = SourceColumns(incoming, Fields);
        var columns = new FeatureColumn[Fields.Count];
        for (var f = 0; f < columns.Length; f++) columns[f] = Columns[f].Probe(incoming.Column(sources[f]));
        return new FeatureSet(Fields, columns, incoming.Count);
    }

    private static int[] SourceColumns(MatchTable table, IReadOnlyList<MatchField> fields)
    {
        var sources = new int[fields.Count];
        for (var f = 0; f < fields.Count; f++)
        {
            sources[f] = table.IndexOf(fields[f].Name);
            if (sources[f] < 0) throw new ArgumentException($"The table has no field '{fields[f].Name}'.", nameof(table));
        }
        return sources;
    }
}
