namespace Rapport.Integration.Dedupe;

/// <summary>
/// What part of a field's normalised value goes into a blocking key. Coarser parts (a phonetic code, an
/// initial) let records with typos meet; finer parts keep blocks small.
/// </summary>
public enum BlockingTransform
{
    /// <summary>The whole normalised value.</summary>
    Exact,

    /// <summary>The NYSIIS code of a name (of the first word for other text).</summary>
    Phonetic,

    /// <summary>The first character.</summary>
    Initial,

    /// <summary>The first three characters.</summary>
    Prefix3,

    /// <summary>The year of a date.</summary>
    Year,

    /// <summary>The first word.</summary>
    FirstToken,
}
