using System.Buffers;

namespace Rapport.Integration.Formats;

/// <summary>
/// The CSV rules shared by the writers and the reader: when RFC 4180 needs a field quoted, and the
/// formula-injection guard (a leading apostrophe before text a spreadsheet would evaluate) that the
/// writers add and <see cref="CsvRowReader"/> takes off again, so an export imports as it was.
/// </summary>
internal static class CsvEscaping
{
    /// <summary>The characters that make a spreadsheet evaluate a cell when they start it.</summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    private static readonly SearchValues<char> CommaSpecials = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> SemicolonSpecials = SearchValues.Create(";\"\r\n");
    private static readonly SearchValues<char> TabSpecials = SearchValues.Create("\t\"\r\n");
    private static readonly SearchValues<char> PipeSpecials = SearchValues.Create("|\"\r\n");

    /// <summary>The characters that force quoting with <paramref name="delimiter"/>: the delimiter, the quote, CR and LF.</summary>
    public static SearchValues<char> SpecialsFor(char delimiter) => delimiter switch
    {
        ',' => CommaSpecials,
        ';' => SemicolonSpecials,
        '\t' => TabSpecials,
        '|' => PipeSpecials,
        _ => SearchValues.Create([delimiter, '"', '\r', '\n']),
    };

    /// <summary>
    /// True when the text needs the guard: it starts with a formula character, or with apostrophes
    /// followed by one (so text that already looks guarded keeps its own apostrophe through a round trip).
    /// </summary>
    public static bool NeedsDefusing(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && text[i] == '\'') i++;
        return i < text.Length && FormulaStarts.Contains(text[i]);
    }

    /// <summary>The same test on UTF-8 text: every formula character and the apostrophe are ASCII.</summary>
    public static bool NeedsDefusing(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        while (i < utf8.Length && utf8[i] == '\'') i++;
        return i < utf8.Length && utf8[i] < 0x80 && FormulaStarts.Contains((char)utf8[i]);
    }

    /// <summary>True when the text carries the guard: one or more apostrophes followed by a formula character.</summary>
    public static bool IsDefused(ReadOnlySpan<char> text) => text.Length > 1 && text[0] == '\'' && NeedsDefusing(text[1..]);

    public static bool NeedsQuoting(ReadOnlySpan<char> field) => field.ContainsAny(CommaSpecials);
}
