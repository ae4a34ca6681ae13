using Rapport.Data.Changes;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Webhooks;

/// <summary>
/// The events a subscription asks for, as patterns over event names <c>&lt;singular object&gt;.&lt;op&gt;</c>
/// (<c>contact.created</c>, the bus's routing keys): each part is a name or <c>*</c> (<c>contact.*</c>,
/// <c>*.deleted</c>), and <c>*</c> alone is every event. Parts are whole names, not globs, so a typo is refused
/// when the subscription is saved instead of silently matching nothing.
/// </summary>
public sealed class EventPatterns
{
    public const string Any = "*";

    /// <summary>Every op a change can have, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<string> Ops = [ChangeOps.Created, ChangeOps.Updated, ChangeOps.Deleted, ChangeOps.Merged, ChangeOps.Restored];

    /// <summary>The singular names of the objects (<c>account</c>, <c>contact</c>, ...).</summary>
    public static readonly IReadOnlyList<string> Objects = [.. StandardObjects.All.Select(o => o.Singular)];

    private readonly (string Object, string Op)[] _patterns;

    private EventPatterns((string Object, string Op)[] patterns) => _patterns = patterns;

    /// <summary>Null when <paramref name="pattern"/> is valid, else why not, in words for the API's problem details.</summary>
    public static string? Validate(string pattern)
    {
        if (pattern == Any) return null;
        var parts = pattern.Split('.');
        if (parts.Length != 2)
            return $"'{pattern}' is not an event pattern: write <object>.<op> (contact.created, contact.*, *.deleted) or *";
        if (parts[0] != Any && !Objects.Contains(parts[0]))
            return $"'{pattern}' names no object: '{parts[0]}' must be * or one of {string.Join(", ", Objects)}";
        if (parts[1] != Any && !Ops.Contains(parts[1]))
            return $"'{pattern}' names no operation: '{parts[1]}' must be * or one of {string.Join(", ", Ops)}";
        return null;
    }

    /// <summary>Compiles patterns that passed <see cref="Validate"/>.</summary>
    public static EventPatterns Parse(IEnumerable<string> patterns) =>
        new([.. patterns.Select(p => p == Any ? (Any, Any) : (p[..p.IndexOf('.')], p[(p.IndexOf('.') + 1)..]))]);

    /// <summary>Whether the event <c>&lt;<paramref name="singular"/>&gt;.&lt;<paramref name="op"/>&gt;</c> is wanted.</summary>
    public bool Matches(string singular, string op)
    {
        foreach (var (o, p) in _patterns)
            if ((o == Any || o == singular) && (p == Any || p == op)) return true;
        return false;
    }
}
