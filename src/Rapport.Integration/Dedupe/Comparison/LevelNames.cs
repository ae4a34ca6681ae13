namespace Rapport.Integration.Dedupe.Comparison;

/// <summary>The names agreement levels are reported and serialised under.</summary>
internal static class LevelNames
{
    public const string Exact = "exact";
    public const string Close = "close";
    public const string Swapped = "swapped";
    public const string Similar = "similar";
    public const string Transposed = "transposed";
    public const string OneOff = "one-component";
    public const string SameYear = "same-year";
    public const string SameStreet = "same-street";
    public const string SameMailbox = "same-mailbox";
    public const string OneEdit = "one-edit";
    public const string Prefix = "prefix";
    public const string Near = "near";
    public const string Different = "different";
    public const string Else = "else";
}
