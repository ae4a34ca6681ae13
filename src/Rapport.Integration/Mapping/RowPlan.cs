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
}
