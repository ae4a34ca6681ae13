namespace Rapport.Integration.Dedupe;

/// <summary>
/// The records to match, stored column by column (one string array per feature plus the record ids)
/// so a million records cost a few arrays rather than a million objects, and every later stage reads
/// a field of all records from one contiguous array.
/// </summary>
public sealed class MatchTable
{
    private readonly string?[][] _columns;
    private Guid[] _ids;

    public MatchTable(IReadOnlyList<MatchField> fields, int capacity = 16)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!names.Add(field.Name)) throw new ArgumentException($"Field '{field.Name}' is listed twice.", nameof(fields));
        }
        Fields = fields.ToArray();
        capacity = Math.Max(capacity, 4);
        _ids = new Guid[capacity];
        _columns = new string?[Fields.Count][];
        for (var f = 0; f < _columns.Length; f++) _columns[f] = new string?[capacity];
    }

    public IReadOnlyList<MatchField> Fields { get; }

    public int Count { get; private set; }

    /// <summary>Appends a record; <paramref name="values"/> follow <see cref="Fields"/>, null or empty meaning unknown.</summary>
    public void Add(Guid id, ReadOnlySpan<string?> values)
    {
        if (values.Length != _columns.Length)
        {
            throw new ArgumentException($"Expected {_columns.Length} values, got {values.Length}.", nameof(values));
        }
        if (Count == _ids.Length) Grow();
        _ids[Count] = id;
        for (var f = 0; f < values.Length; f++) _columns[f][Count] = values[f];
        Count++;
    }

    public Guid Id(int row) => _ids[CheckRow(row)];

    public string? Value(int row, int field) => _columns[field][CheckRow(row)];

    /// <summary>The values of one feature for all records, in row order.</summary>
    public ReadOnlySpan<string?> Column(int field) => _columns[field].AsSpan(0, Count);

    /// <summary>The position of the named feature in <see cref="Fields"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var f = 0; f < Fields.Count; f++)
        {
            if (string.Equals(Fields[f].Name, name, StringComparison.Ordinal)) return f;
        }
        return -1;
    }

    private int CheckRow(int row)
    {
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row));
        return row;
    }

    private void Grow()
    {
        var size = checked(_ids.Length * 2);
        Array.Resize(ref _ids, size);
        for (var f = 0; f < _columns.Length; f++) Array.Resize(ref _columns[f], size);
    }
}
