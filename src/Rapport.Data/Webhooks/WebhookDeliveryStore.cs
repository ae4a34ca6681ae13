using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using NpgsqlTypes;
using Rapport.Data.Sql;
using Rapport.Domain.Records;
using SQLitePCL;

namespace Rapport.Data.Webhooks;

/// <summary>
/// The <c>webhook_deliveries</c> table. The hot paths (the fan-out's inserts, the senders' results) write a
/// whole batch per statement on PostgreSQL (<c>unnest</c> of one array per column) and step one prepared
/// statement per row on SQLite, inside one transaction either way. A sender owns a delivery while it holds
/// its lease (<c>lease_owner</c>, <c>lease_until</c>); an expired lease is free for any sender to take.
/// </summary>
public static class WebhookDeliveryStore
{
    private const string Columns = "id, subscription_id, change_seq, event_type, status, attempts, next_attempt_at, lease_owner, lease_until, " +
                                   "last_status, last_error, created_at, delivered_at";

    /// <summary>
    /// Inserts new pending deliveries, due at <paramref name="now"/>; leased to <paramref name="leaseOwner"/>
    /// until <paramref name="leaseUntil"/> when given, so that sender sends them at once and no other takes them.
    /// </summary>
    public static async Task InsertAsync(DbSession s, IReadOnlyList<NewDelivery> deliveries, DateTime now, string? leaseOwner, DateTime? leaseUntil, CancellationToken ct)
    {
        if (deliveries.Count == 0) return;
        if (s.Connection is SqliteConnection sqlite)
        {
            using var stmt = SqliteRaw.Prepare(sqlite, "INSERT INTO webhook_deliveries (id, subscription_id, change_seq, event_type, status, attempts, next_attempt_at, " +
                                                       "lease_owner, lease_until, created_at) VALUES (?1, ?2, ?3, ?4, 'pending', 0, ?5, ?6, ?7, ?5)");
            var at = Timestamps.ToText(now);
            var until = leaseUntil is { } u ? Timestamps.ToText(u) : null;
            foreach (var n in deliveries)
            {
                SqliteRaw.Bind(stmt, 1, n.Id.ToString());
                SqliteRaw.Bind(stmt, 2, n.SubscriptionId.ToString());
                SqliteRaw.Bind(stmt, 3, n.ChangeSeq);
                SqliteRaw.Bind(stmt, 4, n.EventType);
                SqliteRaw.Bind(stmt, 5, at);
                SqliteRaw.Bind(stmt, 6, leaseOwner);
                SqliteRaw.Bind(stmt, 7, until);
                SqliteRaw.Step(sqlite, stmt);
            }
            return;
        }
        var cmd = s.Command("");
        var sql = "INSERT INTO webhook_deliveries (id, subscription_id, change_seq, event_type, status, attempts, next_attempt_at, lease_owner, lease_until, created_at) " +
                  $"SELECT r.id, r.subscription_id, r.change_seq, r.event_type, 'pending', 0, {PgParameters.Value(cmd, NpgsqlDbType.TimestampTz, now)}, " +
                  $"{PgParameters.Value(cmd, NpgsqlDbType.Text, leaseOwner)}, {PgParameters.Value(cmd, NpgsqlDbType.TimestampTz, leaseUntil)}, {PgParameters.Value(cmd, NpgsqlDbType.TimestampTz, now)} " +
                  $"FROM unnest({PgParameters.Array(cmd, NpgsqlDbType.Uuid, [.. deliveries.Select(n => n.Id)])}, " +
                  $"{PgParameters.Array(cmd, NpgsqlDbType.Uuid, [.. deliveries.Select(n => n.SubscriptionId)])}, " +
                  $"{PgParameters.Array(cmd, NpgsqlDbType.Bigint, [.. deliveries.Select(n => n.ChangeSeq)])}, " +
                  $"{PgParameters.Array(cmd, NpgsqlDbType.Text, [.. deliveries.Select(n => n.EventType)])}) AS r(id, subscription_id, change_seq, event_type)";
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Whether any delivery of an active subscription is due at <paramref name="now"/> and not leased: a read
    /// that spares the claiming write (on SQLite a turn of the single writer) when there is nothing to claim.
    /// </summary>
    public static async Task<bool> AnyDueAsync(DbSession s, DateTime now, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = $"SELECT 1 FROM webhook_deliveries w {DueJoinAndFilter(d, p, now)} LIMIT 1";
        return await s.Command(sql, p).ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> due deliveries of active subscriptions whose lease is free or has
    /// expired (a dead sender's) to <paramref name="owner"/> until <paramref name="until"/>, earliest due first.
    /// On PostgreSQL rows another sender is claiming are skipped (<c>FOR UPDATE SKIP LOCKED</c>), so concurrent
    /// claimers never take the same delivery; SQLite has one writer, so its claim is one guarded UPDATE.
    /// </summary>
    public static async Task<List<LeasedDelivery>> ClaimDueAsync(DbSession s, string owner, DateTime now, DateTime until, int limit, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var set = $"lease_owner = {p.Add(d, ColumnType.Text, owner)}, lease_until = {p.Add(d, ColumnType.Timestamp, until)}";
        var due = $"SELECT w.id FROM webhook_deliveries w {DueJoinAndFilter(d, p, now)} ORDER BY w.next_attempt_at LIMIT {limit}";
        var sql = d.Provider == DatabaseProvider.Postgres
            ? $"UPDATE webhook_deliveries d SET {set} FROM ({due} FOR UPDATE OF w SKIP LOCKED) c WHERE d.id = c.id RETURNING d.id, d.subscription_id, d.change_seq, d.attempts"
            : $"UPDATE webhook_deliveries SET {set} WHERE id IN ({due}) RETURNING id, subscription_id, change_seq, attempts";
        var leased = new List<LeasedDelivery>();
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            leased.Add(new LeasedDelivery((Guid)d.Read(reader, 0, ColumnType.Uuid)!, (Guid)d.Read(reader, 1, ColumnType.Uuid)!, reader.GetInt64(2), reader.GetInt32(3), until));
        return leased;
    }

    private static string DueJoinAndFilter(SqlDialect d, ParameterList p, DateTime now)
    {
        var at = p.Add(d, ColumnType.Timestamp, now);
        return "JOIN webhook_subscriptions s ON s.id = w.subscription_id " +
               $"WHERE w.status = 'pending' AND w.next_attempt_at <= {at} AND (w.lease_until IS NULL OR w.lease_until < {at}) " +
               $"AND s.active = {p.Add(d, ColumnType.Boolean, true)}";
    }

    /// <summary>Gives leases back without an attempt (a sender stopping, or one that could not send in time), so any sender may take them at once.</summary>
    public static async Task ReleaseAsync(DbSession s, string owner, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var d = s.Dialect;
        foreach (var chunk in InList.Chunks(ids))
        {
            var p = new ParameterList();
            var sql = $"UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = {p.Add(d, ColumnType.Text, owner)} " +
                      $"AND id IN ({string.Join(", ", chunk.Select(id => p.Add(d, ColumnType.Uuid, id)))})";
            await s.Command(sql, p).ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Writes the results of many attempts in the caller's transaction: each delivery's new state where
    /// <paramref name="owner"/> still holds its lease (a sender that lost it leaves the delivery to the new
    /// holder), and each attempt to the log while its delivery exists. Returns the deliveries updated.
    /// </summary>
    public static async Task<int> ApplyResultsAsync(DbSession s, string owner, IReadOnlyList<DeliveryResult> results, CancellationToken ct)
    {
        if (results.Count == 0) return 0;
        int updated;
        if (s.Connection is SqliteConnection sqlite) updated = ApplySqlite(sqlite, owner, results);
        else
        {
            var cmd = s.Command("");
            cmd.CommandText =
                "UPDATE webhook_deliveries d SET status = r.status, attempts = r.attempts, next_attempt_at = r.next_attempt_at, last_status = r.last_status, " +
                "last_error = r.last_error, delivered_at = COALESCE(r.delivered_at, d.delivered_at), lease_owner = NULL, lease_until = NULL " +
                $"FROM unnest({PgParameters.Array(cmd, NpgsqlDbType.Uuid, [.. results.Select(r => r.DeliveryId)])}, " +
                $"{PgParameters.Array(cmd, NpgsqlDbType.Text, [.. results.Select(r => r.Status)])}, " +
                $"{PgParameters.Array(cmd, NpgsqlDbType.Integer, [.. results.Select(r => r.Attempts)])}, " +
                $"{PgParameters.Array(cmd, NpgsqlDbType.TimestampTz, [.. results.Select(r => Utc(r.NextAttemptAt))])}, " +
                $"{PgParameters.Array(cmd, NpgsqlDbType.Integer, [.. results.Select(r => r.LastStatus)])}, " +
                $"{PgParameters.Array(cmd, NpgsqlDbType.Text, [.. results.Select(r => r.LastError)])}, " +
                $"{PgParameters.Array(cmd, NpgsqlDbType.TimestampTz, [.. results.Select(r => Utc(r.DeliveredAt))])}) " +
                "AS r(id, status, attempts, next_attempt_at, last_status, last_error, delivered_at) " +
                $"WHERE d.id = r.id AND d.lease_owner = {PgParameters.Value(cmd, NpgsqlDbType.Text, owner)}";
            updated = await cmd.ExecuteNonQueryAsync(ct);
        }
        await WebhookAttemptStore.InsertAsync(s, [.. results.Select(r => r.Attempt)], ct);
        return updated;
    }

    private static int ApplySqlite(SqliteConnection sqlite, string owner, IReadOnlyList<DeliveryResult> results)
    {
        using var stmt = SqliteRaw.Prepare(sqlite,
            "UPDATE webhook_deliveries SET status = ?1, attempts = ?2, next_attempt_at = ?3, last_status = ?4, last_error = ?5, " +
            "delivered_at = COALESCE(?6, delivered_at), lease_owner = NULL, lease_until = NULL WHERE id = ?7 AND lease_owner = ?8");
        var updated = 0;
        foreach (var r in results)
        {
            SqliteRaw.Bind(stmt, 1, r.Status);
            SqliteRaw.Bind(stmt, 2, r.Attempts);
            SqliteRaw.Bind(stmt, 3, r.NextAttemptAt is { } next ? Timestamps.ToText(next) : null);
            SqliteRaw.Bind(stmt, 4, r.LastStatus);
            SqliteRaw.Bind(stmt, 5, r.LastError);
            SqliteRaw.Bind(stmt, 6, r.DeliveredAt is { } at ? Timestamps.ToText(at) : null);
            SqliteRaw.Bind(stmt, 7, r.DeliveryId.ToString());
            SqliteRaw.Bind(stmt, 8, owner);
            SqliteRaw.Step(sqlite, stmt);
            updated += raw.sqlite3_changes(sqlite.Handle!);
        }
        return updated;
    }

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    /// <summary>
    /// Marks leased deliveries failed without an attempt (their change is gone: it outlived the retention window
    /// before it could be sent).
    /// </summary>
    public static async Task FailUnsendableAsync(DbSession s, string owner, IReadOnlyCollection<Guid> ids, string error, CancellationToken ct)
    {
        var d = s.Dialect;
        foreach (var chunk in InList.Chunks(ids))
        {
            var p = new ParameterList();
            var sql = $"UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = {p.Add(d, ColumnType.Text, error)}, lease_owner = NULL, lease_until = NULL " +
                      $"WHERE lease_owner = {p.Add(d, ColumnType.Text, owner)} AND id IN ({string.Join(", ", chunk.Select(id => p.Add(d, ColumnType.Uuid, id)))})";
            await s.Command(sql, p).ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A subscription's deliveries, newest first, optionally of one status, after the <paramref name="before"/> cursor (a delivery id).</summary>
    public static async Task<List<WebhookDelivery>> ListAsync(DbSession s, Guid subscriptionId, string? status, Guid? before, int limit, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = new StringBuilder($"SELECT {Columns} FROM webhook_deliveries WHERE subscription_id = {p.Add(d, ColumnType.Uuid, subscriptionId)}");
        if (status is not null) sql.Append(" AND status = ").Append(p.Add(d, ColumnType.Text, status));
        if (before is { } cursor) sql.Append(" AND id < ").Append(p.Add(d, ColumnType.Uuid, cursor));
        sql.Append(" ORDER BY id DESC LIMIT ").Append(limit);
        var list = new List<WebhookDelivery>();
        await using var reader = await s.Command(sql.ToString(), p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(d, reader));
        return list;
    }

    public static async Task<WebhookDelivery?> GetAsync(DbSession s, Guid subscriptionId, Guid id, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = $"SELECT {Columns} FROM webhook_deliveries WHERE id = {p.Add(d, ColumnType.Uuid, id)} AND subscription_id = {p.Add(d, ColumnType.Uuid, subscriptionId)}";
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(d, reader) : null;
    }

    /// <summary>
    /// Puts a delivery back in the queue, due now with a fresh retry schedule (its attempt count starts again;
    /// the log keeps every attempt), unless a sender holds it right now. False when it is being sent.
    /// </summary>
    public static async Task<bool> RequeueAsync(DbSession s, Guid id, DateTime now, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var at = p.Add(d, ColumnType.Timestamp, now);
        var sql = $"UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = {at}, lease_owner = NULL, lease_until = NULL " +
                  $"WHERE id = {p.Add(d, ColumnType.Uuid, id)} AND (lease_until IS NULL OR lease_until < {at})";
        return await s.Command(sql, p).ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Deletes up to <paramref name="max"/> of the oldest deliveries created before <paramref name="cutoff"/>,
    /// whatever their status (a pending one that old cannot be sent any more: its change is gone too). UUIDv7
    /// ids are in creation order, so the walk from the oldest needs no index on the time. Returns how many.
    /// </summary>
    public static async Task<int> DeleteBeforeAsync(DbSession s, DateTime cutoff, int max, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM (SELECT id, created_at FROM webhook_deliveries ORDER BY id LIMIT " +
                  $"{max}) oldest WHERE created_at < {p.Add(d, ColumnType.Timestamp, cutoff)})";
        return await s.Command(sql, p).ExecuteNonQueryAsync(ct);
    }

    private static WebhookDelivery Read(SqlDialect d, DbDataReader r) => new(
        (Guid)d.Read(r, 0, ColumnType.Uuid)!,
        (Guid)d.Read(r, 1, ColumnType.Uuid)!,
        r.GetInt64(2),
        r.GetString(3),
        r.GetString(4),
        r.GetInt32(5),
        (DateTime?)d.Read(r, 6, ColumnType.Timestamp),
        (string?)d.Read(r, 7, ColumnType.Text),
        (DateTime?)d.Read(r, 8, ColumnType.Timestamp),
        r.IsDBNull(9) ? null : r.GetInt32(9),
        (string?)d.Read(r, 10, ColumnType.Text),
        (DateTime)d.Read(r, 11, ColumnType.Timestamp)!,
        (DateTime?)d.Read(r, 12, ColumnType.Timestamp));
}
