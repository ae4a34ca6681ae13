namespace Rapport.Integration.Formats;

/// <summary>
/// One unfolded content line of vCard (RFC 6350, 2426) or iCalendar (RFC 5545):
/// <c>[group "."] name *(";" param) ":" value</c>. The value is raw (still escaped and, for
/// vCard 2.1/3.0, possibly QUOTED-PRINTABLE); parameter values are unquoted and split at commas.
/// </summary>
internal sealed class ContentLine
{
    /// <summary>The physical line the content line starts on, 1-based.</summary>
    public required long Line { get; init; }

    /// <summary>The property group (<c>item1</c> in <c>item1.EMAIL</c>), or null.</summary>
    public string? Group { get; init; }

    /// <summary>Upper-case property name.</summary>
    public required string Name { get; init; }

    /// <summary>Parameters in order, names upper-case; a vCard 2.1 bare parameter (<c>TEL;WORK</c>) is a TYPE.</summary>
    public required IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Parameters { get; init; }

    /// <summary>The raw value after the first unquoted colon; empty when the property was skipped.</summary>
    public required string Value { get; init; }

    /// <summary>False when the line had no colon at all (not a property line).</summary>
    public bool HasValue { get; init; } = true;

    /// <summary>The values of every occurrence of parameter <paramref name="name"/> (upper case), in order.</summary>
    public IEnumerable<string> ParamValues(string name)
    {
        foreach (var (n, values) in Parameters)
            if (n == name)
                foreach (var v in values) yield return v;
    }

    /// <summary>The first value of parameter <paramref name="name"/> (all its comma-separated values joined back), or null.</summary>
    public string? Param(string name)
    {
        foreach (var (n, values) in Parameters)
            if (n == name) return string.Join(',', values);
        return null;
    }

    /// <summary>True when parameter <paramref name="name"/> has <paramref name="value"/> among its values (case-insensitive).</summary>
    public bool HasParam(string name, string value)
    {
        foreach (var v in ParamValues(name))
            if (string.Equals(v.Trim(), value, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The TYPE values, lower-case and trimmed; a quoted list (<c>TYPE="work,voice"</c>) is split too.</summary>
    public IEnumerable<string> Types =>
        ParamValues("TYPE").SelectMany(t => t.Split(',')).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0);

    /// <summary>True for <c>BEGIN:<paramref name="component"/></c>.</summary>
    public bool IsBegin(string component) => Name == "BEGIN" && string.Equals(Value.Trim(), component, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for <c>END:<paramref name="component"/></c>.</summary>
    public bool IsEnd(string component) => Name == "END" && string.Equals(Value.Trim(), component, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses one unfolded line: <paramref name="prefix"/> is the text before the first unquoted colon
    /// (group, name, parameters), <paramref name="value"/> what follows it.
    /// </summary>
    public static ContentLine Parse(ReadOnlySpan<char> prefix, string value, bool hasValue, long line)
    {
        var semicolon = prefix.IndexOf(';');
        var namePart = (semicolon < 0 ? prefix : prefix[..semicolon]).Trim();
        string? group = null;
        var dot = namePart.LastIndexOf('.');
        if (dot >= 0)
        {
            group = namePart[..dot].ToString();
            namePart = namePart[(dot + 1)..];
        }
        var parameters = new List<(string, IReadOnlyList<string>)>();
        if (semicolon >= 0) ParseParameters(prefix[(semicolon + 1)..], parameters);
        return new ContentLine
        {
            Line = line,
            Group = group,
            Name = namePart.ToString().ToUpperInvariant(),
            Parameters = parameters,
            Value = value,
            HasValue = hasValue,
        };
    }

    /// <summary>The property name of a line prefix (the text before the colon): no group, no parameters, upper case.</summary>
    public static string NameOf(ReadOnlySpan<char> prefix)
    {
        var semicolon = prefix.IndexOf(';');
        var namePart = (semicolon < 0 ? prefix : prefix[..semicolon]).Trim();
        var dot = namePart.LastIndexOf('.');
        if (dot >= 0) namePart = namePart[(dot + 1)..];
        return namePart.ToString().ToUpperInvariant();
    }

    private static void ParseParameters(ReadOnlySpan<char> text, List<(string, IReadOnlyList<string>)> parameters)
    {
        var i = 0;
        while (i <= text.Length)
        {
            // One parameter runs to the next semicolon outside quotes.
            var start = i;
            var quoted = false;
            while (i < text.Length && (quoted || text[i] != ';'))
            {
                if (text[i] == '"') quoted = !quoted;
                i++;
            }
            var part = text[start..i].Trim();
            i++;
            if (part.IsEmpty) continue;
            var eq = part.IndexOf('=');
            if (eq < 0)
            {
                // vCard 2.1: TEL;WORK;VOICE or EMAIL;INTERNET;PREF, and ENCODING values written bare.
                var bare = part.ToString();
                var upper = bare.ToUpperInvariant();
                if (upper is "QUOTED-PRINTABLE" or "BASE64" or "8BIT" or "7BIT" or "B")
                    parameters.Add(("ENCODING", [bare]));
                else
                    parameters.Add(("TYPE", [bare]));
                continue;
            }
            var name = part[..eq].Trim().ToString().ToUpperInvariant();
            parameters.Add((name, SplitValues(part[(eq + 1)..])));
        }
    }

    /// <summary>Splits a parameter value at commas outside quotes, removes the quotes and decodes RFC 6868 caret escapes.</summary>
    private static List<string> SplitValues(ReadOnlySpan<char> text)
    {
        var values = new List<string>(1);
        var sb = new System.Text.StringBuilder(text.Length);
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '"') { quoted = !quoted; continue; }
            if (ch == ',' && !quoted)
            {
                values.Add(sb.ToString());
                sb.Clear();
                continue;
            }
            if (ch == '^' && i + 1 < text.Length && text[i + 1] is 'n' or 'N' or '^' or '\'')
            {
                i++;
                sb.Append(text[i] switch { '^' => '^', '\'' => '"', _ => '\n' });
                continue;
            }
            sb.Append(ch);
        }
        values.Add(sb.ToString());
        return values;
    }
}
