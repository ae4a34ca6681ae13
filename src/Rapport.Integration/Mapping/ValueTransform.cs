using System.Text;
using System.Text.RegularExpressions;

namespace Rapport.Integration.Mapping;

/// <summary>
/// One step of a field's <c>transform:</c> list (or a shorthand key such as <c>regex:</c>): trim, lower,
/// upper, title_case, collapse_spaces, strip, replace, split, regex, split_name. A step takes the text
/// so far and returns new text, or null for "no value" (a regex that does not match, a split index
/// past the end). Null stays null.
/// </summary>
public sealed class ValueTransform
{
    /// <summary>The transform names, as written in a mapping.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["trim", "lower", "upper", "title_case", "collapse_spaces", "strip", "replace", "split", "regex", "split_name"];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Op _op;
    private readonly Regex? _regex;
    private readonly string _text = "";
    private readonly int _index;
    private readonly bool _takeGroup;

    private ValueTransform(string name, Op op, string? argument, Regex? regex = null, string text = "", int index = 0)
    {
        Name = name;
        _op = op;
        Argument = argument;
        _regex = regex;
        _text = text;
        _index = index;
        _takeGroup = regex is not null && regex.GetGroupNumbers().Length > 1;
    }

    /// <summary>The transform's name: trim, lower, upper, title_case, collapse_spaces, strip, replace, split, regex, split_name.</summary>
    public string Name { get; }

    /// <summary>Its argument as written (the characters to strip, the pattern, first/last), if it takes one.</summary>
    public string? Argument { get; }

    /// <summary>Applies the step. A regex that runs too long throws <see cref="RegexMatchTimeoutException"/>.</summary>
    public string? Apply(string? value)
    {
        if (value is null) return null;
        switch (_op)
        {
            case Op.Trim: return value.Trim();
            case Op.Lower: return value.ToLowerInvariant();
            case Op.Upper: return value.ToUpperInvariant();
            case Op.TitleCase: return TitleCase(value);
            case Op.CollapseSpaces: return CollapseSpaces(value);
            case Op.Strip: return Strip(value, _text);
            case Op.Replace: return _regex!.Replace(value, _text);
            case Op.Split:
                var parts = value.Split(_text);
                var i = _index < 0 ? parts.Length + _index : _index;
                return i >= 0 && i < parts.Length ? parts[i].Trim() : null;
            case Op.Regex:
                var match = _regex!.Match(value);
                if (!match.Success) return null;
                if (!_takeGroup) return match.Value;
                return match.Groups[1].Success ? match.Groups[1].Value : null;
            case Op.FirstName: return NameSplitter.Split(value).First;
            case Op.LastName: return NameSplitter.Split(value).Last;
            default: throw new InvalidOperationException(_op.ToString());
        }
    }

    public override string ToString() => Argument is null ? Name : $"{Name}({Argument})";

    /// <summary>
    /// Reads one step: a bare name (<c>trim</c>) or a one-entry map (<c>{ replace: { pattern: "-", with: "" } }</c>).
    /// </summary>
    internal static ValueTransform Parse(SpecNode node, string field)
    {
        if (node.Kind == SpecNodeKind.Scalar) return Create(node.Text!, null, node, field);
        if (node.Kind == SpecNodeKind.Map && node.Entries.Count == 1)
            return Create(node.Entries[0].Key, node.Entries[0].Value, node, field);
        throw ImportMapping.Fail(node, field, "a transform is a name (trim) or a single-key map ({ regex: \"...\" })");
    }

    /// <summary>Builds the step <paramref name="name"/> with its argument node (null for steps without one).</summary>
    internal static ValueTransform Create(string name, SpecNode? argument, SpecNode at, string field)
    {
        var key = Key(name);
        var where = argument ?? at;
        switch (key)
        {
            case "trim": return Plain("trim", Op.Trim);
            case "lower": case "lowercase": return Plain("lower", Op.Lower);
            case "upper": case "uppercase": return Plain("upper", Op.Upper);
            case "titlecase": return Plain("title_case", Op.TitleCase);
            case "collapsespaces": return Plain("collapse_spaces", Op.CollapseSpaces);
            case "strip":
                var chars = ScalarArgument(argument, where, field, "strip needs the characters to remove, e.g. strip: \" -/\"");
                return new ValueTransform("strip", Op.Strip, chars, text: chars);
            case "regex":
                var pattern = ScalarArgument(argument, where, field, "regex needs a pattern, e.g. regex: \"REF-(\\\\d+)\"");
                return new ValueTransform("regex", Op.Regex, pattern, CompileRegex(pattern, where, field));
            case "replace":
                if (argument is not { Kind: SpecNodeKind.Map })
                    throw ImportMapping.Fail(where, field, "replace needs { pattern: \"...\", with: \"...\" }");
                string? find = null, with = "";
                foreach (var (k, v) in argument.Entries)
                {
                    if (k == "pattern") find = ScalarArgument(v, v, field, "replace: pattern must be text");
                    else if (k == "with") with = v.IsNull ? "" : ScalarArgument(v, v, field, "replace: with must be text");
                    else throw ImportMapping.Fail(v, field, $"replace has no setting '{k}' (use pattern and with)");
                }
                if (find is null) throw ImportMapping.Fail(where, field, "replace needs a pattern");
                return new ValueTransform("replace", Op.Replace, find, CompileRegex(find, where, field), with);
            case "split":
                if (argument is { Kind: SpecNodeKind.Scalar })
                    return new ValueTransform("split", Op.Split, argument.Text, text: argument.Text!, index: 0);
                if (argument is not { Kind: SpecNodeKind.Map })
                    throw ImportMapping.Fail(where, field, "split needs { separator: \",\", index: 0 }");
                string? separator = null;
                var index = 0;
                foreach (var (k, v) in argument.Entries)
                {
                    if (k == "separator") separator = ScalarArgument(v, v, field, "split: separator must be text");
                    else if (k == "index")
                    {
                        if (v.Kind != SpecNodeKind.Scalar || !int.TryParse(v.Text, System.Globalization.NumberStyles.AllowLeadingSign,
                                System.Globalization.CultureInfo.InvariantCulture, out index))
                            throw ImportMapping.Fail(v, field, "split: index must be a whole number (0 is the first part, -1 the last)");
                    }
                    else throw ImportMapping.Fail(v, field, $"split has no setting '{k}' (use separator and index)");
                }
                if (string.IsNullOrEmpty(separator)) throw ImportMapping.Fail(where, field, "split needs a separator");
                return new ValueTransform("split", Op.Split, separator, text: separator, index: index);
            case "splitname":
                var part = ScalarArgument(argument, where, field, "split_name needs first or last");
                return part.Trim().ToLowerInvariant() switch
                {
                    "first" => new ValueTransform("split_name", Op.FirstName, "first"),
                    "last" => new ValueTransform("split_name", Op.LastName, "last"),
                    _ => throw ImportMapping.Fail(where, field, $"split_name takes first or last, not '{part}'"),
                };
            default:
                throw ImportMapping.Fail(at, field, $"unknown transform '{name}' (known: {string.Join(", ", Names)})");
        }

        ValueTransform Plain(string canonical, Op op)
        {
            if (argument is not null && !argument.IsNull && !(argument.Kind == SpecNodeKind.Scalar && argument.Text == "true"))
                throw ImportMapping.Fail(where, field, $"{canonical} takes no argument");
            return new ValueTransform(canonical, op, null);
        }
    }

    /// <summary>Whether <paramref name="key"/> names a transform (so it may stand as a key of its own in a field entry).</summary>
    internal static bool IsTransformKey(string key) =>
        Key(key) is "strip" or "regex" or "replace" or "split" or "splitname";

    private static string Key(string name) => name.Trim().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string ScalarArgument(SpecNode? node, SpecNode where, string field, string problem)
    {
        if (node is not { Kind: SpecNodeKind.Scalar, Text: { } text }) throw ImportMapping.Fail(where, field, problem);
        return text;
    }

    private static Regex CompileRegex(string pattern, SpecNode where, string field)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw ImportMapping.Fail(where, field, $"the regex \"{pattern}\" does not compile: {e.Message}");
        }
    }

    private static string TitleCase(string value)
    {
        return string.Create(value.Length, value, static (span, source) =>
        {
            var start = true;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = start ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
                start = char.IsWhiteSpace(c) || c == '-';
            }
        });
    }

    private static string CollapseSpaces(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Strip(string value, string chars)
    {
        if (value.AsSpan().IndexOfAny(chars) < 0) return value;
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
            if (!chars.Contains(c, StringComparison.Ordinal)) sb.Append(c);
        return sb.ToString();
    }

    private enum Op
    {
        Trim, Lower, Upper, TitleCase, CollapseSpaces, Strip, Replace, Split, Regex, FirstName, LastName,
    }
}
