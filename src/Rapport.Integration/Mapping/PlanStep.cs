namespace Rapport.Integration.Mapping;

/// <summary>One compiled unit of a <see cref="RowPlan"/>: which cells to read, how to treat them and where the result goes.</summary>
internal sealed class PlanStep
{
    public required MappingTarget Target { get; init; }

    /// <summary>The mapping entry; null for a column that maps itself.</summary>
    public FieldMapping? Spec { get; init; }

    /// <summary>The single source column's index; -1 when there is none (a constant, a column missing from these rows) or several.</summary>
    public int Column { get; init; } = -1;

    /// <summary>The source columns' indexes when the entry joins several (-1 for missing ones).</summary>
    public int[]? Columns { get; init; }

    /// <summary>The source column name(s) for error reports.</summary>
    public required string ColumnLabel { get; init; }

    /// <summary>Index into the row's containers (0 = the body) for values and whole objects.</summary>
    public int Container { get; init; }

    /// <summary>Index of the primary-item slot for <see cref="TargetKind.PrimaryItem"/>.</summary>
    public int PrimarySlot { get; init; } = -1;

    public DatePattern? DatePattern => Spec?.AnyDatePattern;
    public NumberFormat? NumberFormat => Spec?.NumberFormat;

    /// <summary>Whole objects and arrays run first so dotted columns and primary items merge into them.</summary>
    public bool RunsFirst => Target.Kind is TargetKind.WholeObject or TargetKind.WholeArray;
}
