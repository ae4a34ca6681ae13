using System.Data.Common;
using System.Text.Json;
using Rapport.Data.Sql;

namespace Rapport.Data.Webhooks;

/// <summary>The <c>webhook_subscriptions</c> table.</summary>
public static class WebhookSubscriptionStore
{
    private const string Columns = "id, url, events, description, active, active_from_seq, status, status_reason, status_since, secret, previous_secret, " +
                                   "previous_secret_expires_at, created_at, updated_at";

    public static async Task InsertAsync(DbSession s, WebhookSubscription w, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = $"INSERT INTO webhook_subscriptions ({Columns}) VALUES ({p.Add(d, ColumnType.Uuid, w.Id)}, {p.Add(d, ColumnType.Text, w.Url)}, " +
                  $"{p.Add(d, ColumnType.Text, JsonSerializer.Serialize(w.Events))}, {p.Add(d, ColumnType.Text, w.Description)}, {p.Add(d, ColumnType.Boolean, w.Active)}, " +
                  $"{p.Add(d, ColumnType.Integer, w.ActiveFromSeq)}, {p.Add(d, ColumnType.Text, w.Status)}, {p.Add(d, ColumnType.Text, w.StatusReason)}, {p.Add(d, ColumnType.Timestamp, w.StatusSince)}, " +
                  $"{p.Add(d, ColumnType.Text, w.Secret)}, {p.Add(d, ColumnType.Text, w.PreviousSecret)}, {p.Add(d, ColumnType.Timestamp, w.PreviousSecretExpiresAt)}, " +
                  $"{p.Add(d, ColumnType.Timestamp, w.CreatedAt)}, {p.Add(d, ColumnType.Timestamp, w.UpdatedAt)})";
        await s.Command(sql, p).ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes every column but the id and creation time.</summary>
    public static async Task UpdateAsync(DbSession s, WebhookSubscription w, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = $"UPDATE webhook_subscriptions SET url = {p.Add(d, ColumnType.Text, w.Url)}, events = {p.Add(d, ColumnType.Text, JsonSerializer.Serialize(w.Events))}, " +
                  $"description = {p.Add(d, ColumnType.Text, w.Description)}, active = {p.Add(d, ColumnType.Boolean, w.Active)}, " +
                  $"active_from_seq = {p.Add(d, ColumnType.Integer, w.ActiveFromSeq)}, status = {p.Add(d, ColumnType.Text, w.Status)}, " +
                  $"status_reason = {p.Add(d, ColumnType.Text, w.StatusReason)}, status_since = {p.Add(d, ColumnType.Timestamp, w.StatusSince)}, " +
                  $"secret = {p.Add(d, ColumnType.Text, w.Secret)}, previous_secret = {p.Add(d, ColumnType.Text, w.PreviousSecret)}, " +
                  $"previous_secret_expires_at = {p.Add(d, ColumnType.Timestamp, w.PreviousSecretExpiresAt)}, updated_at = {p.Add(d, ColumnType.Timestamp, w.UpdatedAt)} " +
                  $"WHERE id = {p.Add(d, ColumnType.Uuid, w.Id)}";
        await s.Command(sql, p).ExecuteNonQueryAsync(ct);
    }

    /// <summary>One subscription; with <paramref name="forUpdate"/> on PostgreSQL the row stays locked until commit, so two changes queue.</summary>
    public static async Task<WebhookSubscription?> GetAsync(DbSession s, Guid id, CancellationToken ct, bool forUpdate = false)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var lockClause = forUpdate && d.Provider == DatabaseProvider.Postgres && s.Transaction is not null ? " FOR UPDATE" : "";
        await using var reader = await s.Command($"SELECT {Columns} FROM webhook_subscriptions WHERE id = {p.Add(d, ColumnType.Uuid, id)}{lockClause}", p).ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(d, reader) : null;
    }

    /// <summary>Every subscription, oldest first (there are few: one per receiving system).</summary>
    public static async Task<List<WebhookSubscription>> ListAsync(DbSession s, CancellationToken ct)
    {
        var list = new List<WebhookSubscription>();
        await using var reader = await s.Command($"SELECT {Columns} FROM webhook_subscriptions ORDER BY created_at, id").ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(s.Dialect, reader));
        return list;
    }

    /// <summary>
    /// Changes whenever a subscription is added, changed or removed (every change moves its <c>updated_at</c>):
    /// a process compares it to decide whether its cached subscriptions are still current. It covers every row's
    /// id and time rather than a count and a maximum, so a change stamped by a process whose clock is behind
    /// still shows; the table holds one row per receiving system, so this stays a small read.
    /// </summary>
    public static async Task<string> FingerprintAsync(DbSession s, CancellationToken ct)
    {
        var d = s.Dialect;
        var hash = new HashCode();
        var count = 0;
        await using var reader = await s.Command("SELECT id, updated_at FROM webhook_subscriptions ORDER BY id").ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            hash.Add((Guid)d.Read(reader, 0, ColumnType.Uuid)!);
            hash.Add(((DateTime)d.Read(reader, 1, ColumnType.Timestamp)!).Ticks);
            count++;
        }
        return $"{count}:{hash.ToHashCode()}";
    }

    /// <summary>
    /// Switches active subscriptions off (failing or disabled) with a reason; one already off keeps the status
    /// and reason it has. Returns how many changed.
    /// </summary>
    public static async Task<int> SwitchOffAsync(DbSession s, IReadOnlyList<(Guid Id, string Status, string Reason)> changes, DateTime now, CancellationToken ct)
    {
        var d = s.Dialect;
        var changed = 0;
        foreach (var (id, status, reason) in changes)
        {
            var p = new ParameterList();
            var at = p.Add(d, ColumnType.Timestamp, now);
            var sql = $"UPDATE webhook_subscriptions SET active = {p.Add(d, ColumnType.Boolean, false)}, status = {p.Add(d, ColumnType.Text, status)}, " +
                      $"status_reason = {p.Add(d, ColumnType.Text, reason)}, status_since = {at}, updated_at = {at} " +
                      $"WHERE id = {p.Add(d, ColumnType.Uuid, id)} AND active = {p.Add(d, ColumnType.Boolean, true)}";
            changed += await s.Command(sql, p).ExecuteNonQueryAsync(ct);
        }
        return changed;
    }

    /// <summary>Deletes a subscription with its deliveries and their attempts; false when there was none.</summary>
    public static async Task<bool> DeleteAsync(DbSession s, Guid id, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sub = p.Add(d, ColumnType.Uuid, id);
        await s.Command($"DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE subscription_id = {sub})", p).ExecuteNonQueryAsync(ct);
        p = new ParameterList();
        sub = p.Add(d, ColumnType.Uuid, id);
        await s.Command($"DELETE FROM webhook_deliveries WHERE subscription_id = {sub}", p).ExecuteNonQueryAsync(ct);
        p = new ParameterList();
        return await s.Command($"DELETE FROM webhook_subscriptions WHERE id = {p.Add(d, ColumnType.Uuid, id)}", p).ExecuteNonQueryAsync(ct) == 1;
    }

    private static WebhookSubscription Read(SqlDialect d, DbDataReader r) => new(
        (Guid)d.Read(r, 0, ColumnType.Uuid)!,
        r.GetString(1),
        JsonSerializer.Deserialize<List<string>>(r.GetString(2)) ?? [],
        (string?)d.Read(r, 3, ColumnType.Text),
        (bool)d.Read(r, 4, ColumnType.Boolean)!,
        r.GetInt64(5),
        r.GetString(6),
        (string?)d.Read(r, 7, ColumnType.Text),
        (DateTime)d.Read(r, 8, ColumnType.Timestamp)!,
        r.GetString(9),
        (string?)d.Read(r, 10, ColumnType.Text),
        (DateTime?)d.Read(r, 11, ColumnType.Timestamp),
        (DateTime)d.Read(r, 12, ColumnType.Timestamp)!,
        (DateTime)d.Read(r, 13, ColumnType.Timestamp)!);
}
