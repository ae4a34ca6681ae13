using Rapport.Integration.Dedupe.Strings;

namespace Rapport.Integration.Dedupe.Features;

/// <summary>
/// One feature of all records as value ids (0 = missing) into a table of distinct normalised values.
/// Equal ids mean equal values, so exact agreement is an integer comparison and blocking keys are ids.
/// A probe column (incoming records checked against an index) shares the index's value table and keeps
/// values the index has never seen in an overlay addressed by negative ids.
/// </summary>
internal sealed class FeatureColumn
{
    private readonly Dictionary<string, int>? _lookup;

    private FeatureColumn(MatchKind kind, int[] ids, ValueInfo[] values, int valueCount, ValueInfo[] overlay, Dictionary<string, int>? lookup)
    {
        Kind = kind;
        Ids = ids;
        Values = values;
        ValueCount = valueCount;
        Overlay = overlay;
        _lookup = lookup;
    }

    public MatchKind Kind { get; }

    public int[] Ids { get; }

    public ValueInfo[] Values { get; }

    /// <summary>Distinct values plus one (id 0 is "missing").</summary>
    public int ValueCount { get; }

    public ValueInfo[] Overlay { get; }

    public ref readonly ValueInfo Get(int id) => ref (id > 0 ? ref Values[id] : ref Overlay[-id]);

    public static FeatureColumn Build(MatchKind kind, ReadOnlySpan<string?> raw, bool keepLookup)
    {
        var ids = new int[raw.Length];
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var spans = lookup.GetAlternateLookup<ReadOnlySpan<char>>();
        var values = new ValueInfo[Math.Max(16, raw.Length / 8)];
        var count = 1;
        Span<char> buffer = stackalloc char[Words.BufferSize];
        for (var row = 0; row < raw.Length; row++)
        {
            var text = raw[row];
            if (string.IsNullOrEmpty(text)) continue;
            var length = Normalizer.Write(kind, text, buffer);
            if (length == 0) continue;
            var form = buffer[..length];
            if (!spans.TryGetValue(form, out var id))
            {
                id = count++;
                var key = form.SequenceEqual(text) ? text : new string(form);
                lookup.Add(key, id);
                if (id == values.Length) Array.Resize(ref values, values.Length * 2);
                values[id] = ValueInfo.Create(kind, key);
            }
            values[id].Count++;
            ids[row] = id;
        }
        return new FeatureColumn(kind, ids, values, count, [], keepLookup ? lookup : null);
    }

    /// <summary>Ids of incoming values against this column's values; unseen values go to the probe's overlay.</summary>
    public FeatureColumn Probe(ReadOnlySpan<string?> raw)
    {
        if (_lookup is null) throw new InvalidOperationException("This column was built without its value lookup.");
        var spans = _lookup.GetAlternateLookup<ReadOnlySpan<char>>();
        var ids = new int[raw.Length];
        var overlay = new List<ValueInfo> { default };
        Dictionary<string, int>? unseen = null;
        Span<char> buffer = stackalloc char[Words.BufferSize];
        for (var row = 0; row < raw.Length; row++)
        {
            var text = raw[row];
            if (string.IsNullOrEmpty(text)) continue;
            var length = Normalizer.Write(Kind, text, buffer);
            if (length == 0) continue;
            var form = buffer[..length];
            if (spans.TryGetValue(form, out var id))
            {
                ids[row] = id;
                continue;
            }
            unseen ??= new Dictionary<string, int>(StringComparer.Ordinal);
            var key = new string(form);
            if (!unseen.TryGetValue(key, out var slot))
            {
                slot = overlay.Count;
                unseen.Add(key, slot);
                overlay.Add(ValueInfo.Create(Kind, key));
            }
            ids[row] = -slot;
        }
        return new FeatureColumn(Kind, ids, Values, ValueCount, overlay.ToArray(), null);
    }
}
