using Rapport.Data.Sql;

namespace Rapport.Data.Changes;

/// <summary>
/// Named consumers of the change feed (webhook fan-out, bus publisher, retention), each with the
/// position it has handled up to and a lease: one server or worker at a time works for a consumer,
/// and when it dies its lease runs out and another takes over from the stored position.
/// </summary>
public static class ChangeConsumers
{
    /// <summary>
    /// The retention "consumer": its position is the highest seq deleted by retention, so a cursor
    /// below it asks for changes that are gone (410).
    /// </summary>
    public const string Retention = "retention";

    /// <summary>
    /// Takes (or renews) the consumer's lease for <paramref name="owner"/> until <paramref name="until"/>
    /// and returns its position; null when another owner holds an unexpired lease.
    /// </summary>
    public static async Task<long?> TryLeaseAsync(DbSession s, string name, string owner, DateTime now, DateTime until, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var n = p.Add(d, ColumnType.Text, name);
        var at = p.Add(d, ColumnType.Timestamp, now);
        await s.Command($"INSERT INTO change_consumers (name, position, updated_at) VALUES ({n}, 0, {at}) ON CONFLICT (name) DO NOTHING", p).ExecuteNonQueryAsync(ct);
        var o = p.Add(d, ColumnType.Text, owner);
        var sql = $"UPDATE change_consumers SET lease_owner = {o}, lease_until = {p.Add(d, ColumnType.Timestamp, until)} " +
                  $"WHERE name = {n} AND (lease_owner IS NULL OR lease_owner = {o} OR lease_until < {at}) RETURNING position";
        return await s.Command(sql, p).ExecuteScalarAsync(ct) is long position ? position : null;
    }

    /// <summary>Moves the position on, if <paramref name="owner"/> still holds the lease; false when it lost it.</summary>
    public static async Task<bool> AdvanceAsync(DbSession s, string name, string owner, long position, DateTime now, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = $"UPDATE change_consumers SET position = {p.Add(d, ColumnType.Integer, position)}, updated_at = {p.Add(d, ColumnType.Timestamp, now)} " +
                  $"WHERE name = {p.Add(d, ColumnType.Text, name)} AND lease_owner = {p.Add(d, ColumnType.Text, owner)}";
        return await s.Command(sql, p).ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Gives the lease up (on shutdown), so another owner need not wait for it to run out.</summary>
    public static async Task ReleaseAsync(DbSession s, string name, string owner, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = $"UPDATE change_consumers SET lease_owner = NULL, lease_until = NULL WHERE name = {p.Add(d, ColumnType.Text, name)} AND lease_owner = {p.Add(d, ColumnType.Text, owner)}";
        await s.Command(sql, p).ExecuteNonQueryAsync(ct);
    }

    /// <summary>A consumer's position without leasing it (0 when it never ran).</summary>
    public static async Task<long> PositionAsync(DbSession s, string name, CancellationToken ct)
    {
        var p = new ParameterList();
        return await s.Command($"SELECT position FROM change_consumers WHERE name = {p.Add(s.Dialect, ColumnType.Text, name)}", p).ExecuteScalarAsync(ct) is long position ? position : 0;
    }

    /// <summary>
    /// Raises a consumer's position without a lease, never lowering it (retention: two servers deleting
    /// at once must not move the floor back below what one of them deleted).
    /// </summary>
    public static async Task RaisePositionAsync(DbSession s, string name, long position, DateTime now, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var n = p.Add(d, ColumnType.Text, name);
        var pos = p.Add(d, ColumnType.Integer, position);
        var at = p.Add(d, ColumnType.Timestamp, now);
        await s.Command($"INSERT INTO change_consumers (name, position, updated_at) VALUES ({n}, {pos}, {at}) " +
                        $"ON CONFLICT (name) DO UPDATE SET position = CASE WHEN excluded.position > change_consumers.position THEN excluded.position ELSE change_consumers.position END, updated_at = excluded.updated_at", p).ExecuteNonQueryAsync(ct);
    }
}
