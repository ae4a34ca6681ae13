using Rapport.Domain.Metadata;

namespace Rapport.Integration.Mapping;

/// <summary>
/// The mapping compiled for one set of source columns: the steps in run order, the objects of the body
/// they fill (by index, so a row does no lookups by name) and the primary-item arrays to assemble.
/// </summary>
internal sealed class RowPlan
{
    public required IReadOnlyList<string> Columns { get; init; }
    public required PlanStep[] Steps { get; init; }

    /// <summary>The body property of each container; index 0 is the body itself ("").</summary>
    public required string[] Containers { get; init; }

    /// <summary>The array field of each primary-item slot.</summary>
    public required FieldDef[] PrimaryArrays { get; init; }

    /// <summary>Steps for polymorphic relations (contact.email on activities), checked after the row.</summary>
    public required PlanStep[] PolymorphicRelations { get; init; }

    /// <summary>Target field path → the source column(s) it comes from, so errors found later (by the validator) can name the column.</summary>
    public IReadOnlyDictionary<string, string> FieldColumns => _fieldColumns ??= BuildFieldColumns();

    private IReadOnlyDictionary<string, string>? _fieldColumns;

    private Dictionary<string, string> BuildFieldColumns()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in Steps)
        {
            map.TryAdd(step.Target.Path, step.ColumnLabel);
            if (step.Target.RelationField is { } relation) map.TryAdd(relation, step.ColumnLabel);
            if (step.Target.Kind == TargetKind.PrimaryItem && step.Target.Field is { } array) map.TryAdd(array.Name, step.ColumnLabel);
        }
        return map;
    }
}
