namespace Rapport.Integration.Mapping;

/// <summary>
/// An import mapping that cannot be used: YAML that does not parse, an unknown setting or transform,
/// a target that is not a field of the object, a regex or date pattern that does not compile, a mapped
/// column missing from the file. The message is written for the person who wrote the mapping: it names
/// the field and, for YAML, the line.
/// </summary>
public sealed class MappingException(string message, string? field = null, long? line = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The target field path of the offending entry under <c>fields:</c>, when there is one.</summary>
    public string? Field { get; } = field;

    /// <summary>The 1-based line in the YAML document, when the mapping came from YAML.</summary>
    public long? Line { get; } = line;
}
