using Rapport.Integration.Dedupe.Features;

namespace Rapport.Integration.Dedupe.Blocking;

/// <summary>
/// A blocking rule resolved to column positions: computes a record's 64-bit block key (0 when a key part
/// is missing, so the record is not blocked by this rule) and the sort key that orders oversized blocks.
/// </summary>
internal sealed class CompiledRule
{
    private static readonly MatchKind[] SortPreference =
    [
        MatchKind.Name, MatchKind.CompanyName, MatchKind.Date, MatchKind.Street, MatchKind.Email, MatchKind.Phone,
        MatchKind.Postcode, MatchKind.Identifier, MatchKind.Text, MatchKind.Domain, MatchKind.Number,
    ];

    private readonly int[] _fields;
    private readonly BlockingTransform[] _transforms;
    private readonly int[] _sortFields;

    public CompiledRule(BlockingRule rule, MatchConfig config)
    {
        Rule = rule;
        _fields = rule.Keys.Select(k => config.FieldIndex(k.Field)).ToArray();
        _transforms = rule.Keys.Select(k => k.Transform).ToArray();
        _sortFields = rule.SortBy.Count > 0
            ? rule.SortBy.Select(config.FieldIndex).Take(2).ToArray()
            : DefaultSort(rule, config);
    }

    public BlockingRule Rule { get; }

    /// <summary>Whether the rule looks at the field, so pairs it finds say nothing unbiased about that field.</summary>
    public bool Uses(int field) => Array.IndexOf(_fields, field) >= 0;

    public ulong Key(FeatureSet set, int row)
    {
        var h = 0x243F6A8885A308D3UL;
        for (var k = 0; k < _fields.Length; k++)
        {
            var column = set.Columns[_fields[k]];
            var id = column.Ids[row];
            if (id == 0) return 0;
            var part = Part(column, id, _transforms[k]);
            if (part == 0) return 0;
            h = Hashing.Mix(h ^ (part + (ulong)k * 0x9E3779B97F4A7C15UL));
        }
        return h == 0 ? 1 : h;
    }

    /// <summary>Five characters of the first sort field and three of the second, so neighbours in a big block are alike.</summary>
    public ulong SortKey(FeatureSet set, int row)
    {
        ulong key = 0;
        var used = 0;
        for (var s = 0; s < _sortFields.Length; s++)
        {
            var width = s == 0 ? (_sortFields.Length == 1 ? 8 : 5) : 3;
            var column = set.Columns[_sortFields[s]];
            var id = column.Ids[row];
            var text = id == 0 ? "" : column.Get(id).Text;
            for (var i = 0; i < width; i++) key = (key << 8) | (i < text.Length ? (byte)Math.Min((int)text[i], 255) : 0u);
            used += width;
        }
        return key << (8 * (8 - used));
    }

    private static ulong Part(FeatureColumn column, int id, BlockingTransform transform)
    {
        switch (transform)
        {
            case BlockingTransform.Exact:
                return id > 0 ? (ulong)id : 0;
            case BlockingTransform.Phonetic:
                return column.Get(id).Code;
            case BlockingTransform.Year:
                return column.Get(id).Code / 10000;
        }
        var text = column.Get(id).Text.AsSpan();
        return transform switch
        {
            BlockingTransform.Initial => text[0],
            BlockingTransform.Prefix3 => Hashing.Chars(text[..Math.Min(3, text.Length)]),
            _ => Hashing.Chars(ValueInfo.FirstWord(text)),
        };
    }

    private static int[] DefaultSort(BlockingRule rule, MatchConfig config)
    {
        var exact = rule.Keys.Where(k => k.Transform == BlockingTransform.Exact).Select(k => k.Field).ToHashSet();
        var chosen = new List<int>();
        foreach (var kind in SortPreference)
        {
            for (var f = 0; f < config.Fields.Count && chosen.Count < 2; f++)
            {
                var field = config.Fields[f];
                if (field.Kind == kind && !exact.Contains(field.Name)) chosen.Add(f);
            }
        }
        return chosen.ToArray();
    }
}
