using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Rapport.Data.Sql;

/// <summary>
/// Explicitly typed PostgreSQL parameters, for the batch statements that send one array per column
/// (<c>unnest(@ids, @statuses, ...)</c>): a whole batch is one statement, and a null or an empty array still
/// has a type, where <see cref="ParameterList"/> would leave PostgreSQL to guess.
/// </summary>
internal static class PgParameters
{
    /// <summary>Adds an array of <paramref name="type"/> and returns the SQL that refers to it.</summary>
    public static string Array<T>(DbCommand command, NpgsqlDbType type, T[] values) =>
        Add(command, NpgsqlDbType.Array | type, values);

    /// <summary>Adds one value (null allowed) of <paramref name="type"/> and returns the SQL that refers to it.</summary>
    public static string Value(DbCommand command, NpgsqlDbType type, object? value) =>
        Add(command, type, value is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : value);

    private static string Add(DbCommand command, NpgsqlDbType type, object? value)
    {
        var name = "a" + command.Parameters.Count;
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return "@" + name;
    }
}
