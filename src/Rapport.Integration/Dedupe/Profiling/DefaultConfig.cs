namespace Rapport.Integration.Dedupe.Profiling;

/// <summary>
/// Derives a configuration from field kinds and a data profile, never from field names, so it serves
/// any object and any custom field:
/// <list type="bullet">
/// <item>text holding dates becomes a date, digits or codes with many distinct values an identifier,
/// digits with few distinct values an exact value;</item>
/// <item>blocking rules: each identifying key (email, phone, identifier, external id, domain) on its own;
/// the family name's phonetic code with the given name's initial and the other way round; a company name's
/// phonetic code; each date, postcode with the family name's initial; the exact street line;</item>
/// <item>with exactly two name fields, they are checked for being swapped.</item>
/// </list>
/// </summary>
internal static class DefaultConfig
{
    public static MatchConfig Create(IReadOnlyList<MatchField> fields, MatchTable? sample)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var profiles = new Dictionary<string, FieldProfile>(StringComparer.Ordinal);
        if (sample is not null)
        {
            foreach (var field in fields)
            {
                var column = sample.IndexOf(field.Name);
                if (column >= 0) profiles[field.Name] = FieldProfile.Of(sample, column);
            }
        }
        var refined = fields.Select(f => f with { Kind = Refine(f.Kind, profiles.GetValueOrDefault(f.Name)) }).ToArray();
        var names = refined.Where(f => f.Kind == MatchKind.Name).ToArray();
        return new MatchConfig(refined, Rules(refined, names, profiles))
        {
            SwappableNames = names.Length == 2 ? (names[0].Name, names[1].Name) : null,
        };
    }

    private static MatchKind Refine(MatchKind kind, FieldProfile? profile)
    {
        if (kind != MatchKind.Text || profile is null || profile.Filled == 0) return kind;
        if (profile.DateLike >= 0.8) return MatchKind.Date;
        if (profile.DigitsOnly >= 0.9) return profile.Diversity >= 0.1 ? MatchKind.Identifier : MatchKind.Exact;
        if (profile.CodeLike >= 0.9 && profile.Diversity >= 0.5) return MatchKind.Identifier;
        return kind;
    }

    private static List<BlockingRule> Rules(MatchField[] fields, MatchField[] names, Dictionary<string, FieldProfile> profiles)
    {
        var rules = new List<BlockingRule>();
        foreach (var field in fields)
        {
            var identifying = field.Kind is MatchKind.Email or MatchKind.Phone or MatchKind.ExternalId or MatchKind.Domain
                || (field.Kind == MatchKind.Identifier && (!profiles.TryGetValue(field.Name, out var p) || p.Diversity >= 0.2));
            if (identifying) rules.Add(Rule((field.Name, BlockingTransform.Exact)));
        }

        var family = names.Length >= 2 ? names[1] : names.FirstOrDefault();
        var given = names.Length >= 2 ? names[0] : null;
        if (family is not null && given is not null)
        {
            rules.Add(Rule((family.Name, BlockingTransform.Phonetic), (given.Name, BlockingTransform.Initial)));
            rules.Add(Rule((given.Name, BlockingTransform.Phonetic), (family.Name, BlockingTransform.Initial)));
        }
        else if (family is not null)
        {
            rules.Add(Rule((family.Name, BlockingTransform.Phonetic)));
        }
        var company = fields.FirstOrDefault(f => f.Kind == MatchKind.CompanyName);
        if (company is not null) rules.Add(Rule((company.Name, BlockingTransform.Phonetic)));

        var anchor = family ?? company;
        foreach (var field in fields.Where(f => f.Kind is MatchKind.Date or MatchKind.Postcode))
        {
            rules.Add(anchor is null
                ? Rule((field.Name, BlockingTransform.Exact))
                : Rule((field.Name, BlockingTransform.Exact), (anchor.Name, BlockingTransform.Initial)));
        }
        var street = fields.FirstOrDefault(f => f.Kind == MatchKind.Street);
        if (street is not null) rules.Add(Rule((street.Name, BlockingTransform.Exact)));
        if (rules.Count == 0) rules.Add(Rule((fields[0].Name, BlockingTransform.Exact)));
        return rules;
    }

    private static BlockingRule Rule(params (string Field, BlockingTransform Transform)[] keys) =>
        new(keys.Select(k => new BlockingKey(k.Field, k.Transform)).ToArray());
}
