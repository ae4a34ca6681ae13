namespace Rapport.Integration.Dedupe.Scoring;

/// <summary>Field-name lists for matched-field bit masks, one shared list per distinct mask.</summary>
internal sealed class FieldNames(IReadOnlyList<MatchField> fields)
{
    private readonly Dictionary<ulong, string[]> _lists = [];

    public IReadOnlyList<string> Of(ulong mask)
    {
        lock (_lists)
        {
            if (_lists.TryGetValue(mask, out var names)) return names;
            var list = new List<string>();
            for (var f = 0; f < fields.Count; f++)
            {
                if ((mask & (1UL << f)) != 0) list.Add(fields[f].Name);
            }
            return _lists[mask] = list.ToArray();
        }
    }
}
