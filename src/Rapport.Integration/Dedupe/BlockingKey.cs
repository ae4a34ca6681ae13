namespace Rapport.Integration.Dedupe;

/// <summary>One part of a blocking rule: a field and what part of its value must agree.</summary>
public sealed record BlockingKey(string Field, BlockingTransform Transform)
{
    public override string ToString() =>
        Transform == BlockingTransform.Exact ? Field : $"{Transform.ToString().ToLowerInvariant()}({Field})";

    /// <summary>Reads "lastName" (exact) or "phonetic(lastName)", the form <see cref="ToString"/> writes.</summary>
    public static BlockingKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return new BlockingKey(RequireName(s, text), BlockingTransform.Exact);
        if (!s.EndsWith(')')) throw new FormatException($"Blocking key '{text}' lacks a closing parenthesis.");
        if (!Enum.TryParse<BlockingTransform>(s[..open].Trim(), ignoreCase: true, out var transform)
            || !Enum.IsDefined(transform))
        {
            throw new FormatException($"Blocking key '{text}' names an unknown transform.");
        }
        return new BlockingKey(RequireName(s[(open + 1)..^1].Trim(), text), transform);
    }

    private static string RequireName(string name, string text) =>
        name.Length > 0 ? name : throw new FormatException($"Blocking key '{text}' names no field.");
}
