using System.Collections.Frozen;

namespace Rapport.Domain.Normalisation;

/// <summary>
/// Word lists behind re-casing names typed in one case. Kept short on purpose: a wrong guess
/// changes someone's name, so only words that are nearly always particles or Mac-names are listed.
/// </summary>
internal static class PersonNameWords
{
    /// <summary>
    /// Written in lower case inside a name ("Ludwig van Beethoven", "Maria de la Cruz"). Words that
    /// are also common given names or initials (Ben, E, Y) are left out.
    /// </summary>
    public static readonly FrozenSet<string> Particles = FrozenSet.Create(StringComparer.Ordinal,
        "van", "von", "vom", "zu", "zum", "zur", "der", "den", "des", "ter", "ten", "te",
        "de", "del", "della", "delle", "dei", "degli", "di", "da", "das", "do", "dos", "du",
        "la", "le", "lo", "af", "av", "bin", "binti", "bint", "ibn");

    /// <summary>Prefixes joined by a hyphen that stay lower case inside a name ("Ahmed al-Farsi").</summary>
    public static readonly FrozenSet<string> HyphenParticles = FrozenSet.Create(StringComparer.Ordinal, "al", "el");

    /// <summary>
    /// Mac-names whose next letter is capitalised (MacDonald). Names that merely start with "mac"
    /// (Mack, Macy, Machado, Macias) are not in the list and get ordinary capitalisation.
    /// </summary>
    public static readonly FrozenSet<string> MacNames = FrozenSet.Create(StringComparer.Ordinal,
        "macadam", "macallister", "macarthur", "macaulay", "macbride", "maccallum", "maccarthy", "maccormack",
        "macdonald", "macdougall", "macewan", "macewen", "macfarlane", "macgillivray", "macgowan", "macgregor",
        "macinnes", "macintyre", "maciver", "mackay", "mackenzie", "mackinnon", "maclachlan", "maclaren",
        "maclean", "maclennan", "macleod", "macmahon", "macmanus", "macmillan", "macnamara", "macneil",
        "macneill", "macpherson", "macqueen", "macrae", "mactavish");

    /// <summary>Generation suffixes kept upper case when they end a name ("Henry Ford III").</summary>
    public static readonly FrozenSet<string> RomanNumerals = FrozenSet.Create(StringComparer.Ordinal,
        "ii", "iii", "iv", "vi", "vii", "viii", "ix");
}
