using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rapport.Integration.Mapping;

/// <summary>
/// A mapping document as a plain tree, whether it came from YAML (with line numbers) or from JSON,
/// so one parser reads both. Keys keep their written order: transforms apply in that order.
/// </summary>
internal sealed class SpecNode
{
    private const int MaxNodes = 20_000;
    private const int MaxDepth = 32;

    public SpecNodeKind Kind { get; private init; }

    /// <summary>The scalar's text; null for a YAML/JSON null.</summary>
    public string? Text { get; private init; }

    public IReadOnlyList<KeyValuePair<string, SpecNode>> Entries { get; private init; } = [];
    public IReadOnlyList<SpecNode> Items { get; private init; } = [];

    /// <summary>1-based YAML line; null for JSON.</summary>
    public long? Line { get; private init; }

    /// <summary>" (line 12)" for YAML, empty for JSON: appended to messages.</summary>
    public string Where => Line is { } line ? $" (line {line})" : "";

    public bool IsNull => Kind == SpecNodeKind.Null;

    public static SpecNode Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var line = e.Start.Line > 0 ? e.Start.Line : (long?)null;
            var reason = (e.InnerException?.Message ?? e.Message).Trim();
            throw new MappingException($"The mapping is not valid YAML{(line is null ? "" : $" (line {line})")}: {reason}", null, line, e);
        }
        if (stream.Documents.Count == 0) return new SpecNode { Kind = SpecNodeKind.Map, Line = 1 };
        if (stream.Documents.Count > 1) throw new MappingException("The mapping must be a single YAML document.");
        var budget = MaxNodes;
        return FromYaml(stream.Documents[0].RootNode, 0, ref budget);
    }

    public static SpecNode FromJson(JsonNode? node)
    {
        var budget = MaxNodes;
        return FromJson(node, 0, ref budget);
    }

    private static SpecNode FromYaml(YamlNode node, int depth, ref int budget)
    {
        Guard(depth, ref budget);
        var line = node.Start.Line > 0 ? node.Start.Line : (long?)null;
        switch (node)
        {
            case YamlScalarNode scalar:
                var isNull = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain &&
                             scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
                return isNull
                    ? new SpecNode { Kind = SpecNodeKind.Null, Line = line }
                    : new SpecNode { Kind = SpecNodeKind.Scalar, Text = scalar.Value ?? "", Line = line };
            case YamlSequenceNode sequence:
                var items = new List<SpecNode>(sequence.Children.Count);
                foreach (var child in sequence.Children) items.Add(FromYaml(child, depth + 1, ref budget));
                return new SpecNode { Kind = SpecNodeKind.List, Items = items, Line = line };
            case YamlMappingNode mapping:
                var entries = new List<KeyValuePair<string, SpecNode>>(mapping.Children.Count);
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                        throw new MappingException($"The mapping uses a key that is not plain text{Lines(key)}.", null, key.Start.Line);
                    entries.Add(new(name, FromYaml(value, depth + 1, ref budget)));
                }
                return new SpecNode { Kind = SpecNodeKind.Map, Entries = entries, Line = line };
            default:
                throw new MappingException($"The mapping has an unsupported YAML node{Lines(node)}.", null, line);
        }
    }

    private static string Lines(YamlNode node) => node.Start.Line > 0 ? $" (line {node.Start.Line})" : "";

    private static SpecNode FromJson(JsonNode? node, int depth, ref int budget)
    {
        Guard(depth, ref budget);
        switch (node)
        {
            case null:
                return new SpecNode { Kind = SpecNodeKind.Null };
            case JsonObject obj:
                var entries = new List<KeyValuePair<string, SpecNode>>(obj.Count);
                foreach (var (key, value) in obj) entries.Add(new(key, FromJson(value, depth + 1, ref budget)));
                return new SpecNode { Kind = SpecNodeKind.Map, Entries = entries };
            case JsonArray arr:
                var items = new List<SpecNode>(arr.Count);
                foreach (var item in arr) items.Add(FromJson(item, depth + 1, ref budget));
                return new SpecNode { Kind = SpecNodeKind.List, Items = items };
            default:
                var v = node.AsValue();
                return v.GetValueKind() switch
                {
                    JsonValueKind.String => new SpecNode { Kind = SpecNodeKind.Scalar, Text = v.GetValue<string>() },
                    JsonValueKind.True => new SpecNode { Kind = SpecNodeKind.Scalar, Text = "true" },
                    JsonValueKind.False => new SpecNode { Kind = SpecNodeKind.Scalar, Text = "false" },
                    JsonValueKind.Null => new SpecNode { Kind = SpecNodeKind.Null },
                    _ => new SpecNode { Kind = SpecNodeKind.Scalar, Text = v.ToJsonString() },
                };
        }
    }

    private static void Guard(int depth, ref int budget)
    {
        if (depth > MaxDepth) throw new MappingException($"The mapping is nested deeper than {MaxDepth} levels.");
        if (--budget < 0) throw new MappingException($"The mapping has more than {MaxNodes} entries.");
    }
}
