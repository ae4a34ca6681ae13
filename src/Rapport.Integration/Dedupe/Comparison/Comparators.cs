namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>The comparator for each kind of feature.</summary>
internal static class Comparators
{
    public static FieldComparator For(MatchKind kind, bool swappable) => kind switch
    {
        MatchKind.Name => new NameComparator(swappable),
        MatchKind.Text or MatchKind.CompanyName => new TextComparator(),
        MatchKind.Street => new StreetComparator(),
        MatchKind.Email => new EmailComparator(),
        MatchKind.Phone => new PhoneComparator(),
        MatchKind.Date => new DateComparator(),
        MatchKind.Identifier => new IdentifierComparator(),
        MatchKind.Postcode => new PostcodeComparator(),
        MatchKind.ExternalId => new ExternalIdComparator(),
        MatchKind.Number => new NumberComparator(),
        MatchKind.Exact or MatchKind.Domain => new ExactComparator(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
