using System.Text.Json.Nodes;

namespace Rapport.Integration.Mapping;

/// <summary>
/// One source row after mapping: the typed JSON body for the record validator (empty cells omitted, so
/// an update never blanks a field), the relations to resolve by key, and the cells that could not be
/// converted. A row with errors still carries every value that could be converted.
/// </summary>
public sealed class MappedRow
{
    internal MappedRow(long line, JsonObject body, IReadOnlyDictionary<string, RelationKey> relations,
        IReadOnlyList<CellError> errors, string?[] original, IReadOnlyDictionary<string, string> columns)
    {
        Columns = columns;
        Line = line;
        Body = body;
        Relations = relations;
        Errors = errors;
        Original = original;
    }

    /// <summary>The source line (<see cref="Formats.SourceRow.Line"/>).</summary>
    public long Line { get; }

    public JsonObject Body { get; }

    /// <summary>Reference field (accountId, relatedId, ownerId) → the key to look the referenced record up by.</summary>
    public IReadOnlyDictionary<string, RelationKey> Relations { get; }

    public IReadOnlyList<CellError> Errors { get; }

    public bool HasErrors => Errors.Count > 0;

    /// <summary>Target field path → the source column it came from (shared by rows with the same columns).</summary>
    public IReadOnlyDictionary<string, string> Columns { get; }

    /// <summary>The source values as read, parallel to the row's columns, for the error report.</summary>
    public string?[] Original { get; }
}
