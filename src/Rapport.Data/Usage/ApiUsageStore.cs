using System.Text;
using Rapport.Data.Sql;

namespace Rapport.Data.Usage;

/// <summary>Adds to and reads the <c>api_usage_daily</c> table through a <see cref="DbSession"/>.</summary>
public static class ApiUsageStore
{
    /// <summary>Latency bands per row: <c>bucket_0</c> .. <c>bucket_14</c> (the last one has no upper bound).</summary>
    public const int BucketCount = 15;

    private static readonly string BucketColumns = string.Join(", ", Enumerable.Range(0, BucketCount).Select(i => $"bucket_{i}"));

    private static readonly string Columns = "day, client_id, protocol, operation, calls, errors, server_errors, duration_us, " + BucketColumns;

    private static readonly string Increments = string.Join(", ",
        new[] { "calls", "errors", "server_errors", "duration_us" }.Concat(Enumerable.Range(0, BucketCount).Select(i => $"bucket_{i}"))
            .Select(c => $"{c} = api_usage_daily.{c} + excluded.{c}"));

    /// <summary>Adds each row's counts to the stored ones (or inserts it): servers sharing a database add up.</summary>
    public static async Task AddAsync(DbSession s, IEnumerable<UsageDay> rows, CancellationToken ct)
    {
        var d = s.Dialect;
        foreach (var row in rows)
        {
            if (row.Buckets.Length != BucketCount) throw new ArgumentException($"A usage row has {BucketCount} latency buckets.", nameof(rows));
            var p = new ParameterList();
            var values = new StringBuilder();
            values.Append(p.Add(d, ColumnType.Date, row.Day)).Append(", ")
                .Append(p.Add(d, ColumnType.Text, row.ClientId)).Append(", ")
                .Append(p.Add(d, ColumnType.Text, row.Protocol)).Append(", ")
                .Append(p.Add(d, ColumnType.Text, row.Operation));
            foreach (var count in new[] { row.Calls, row.Errors, row.ServerErrors, row.DurationMicroseconds }.Concat(row.Buckets))
                values.Append(", ").Append(p.Add(d, ColumnType.Integer, count));
            var sql = $"INSERT INTO api_usage_daily ({Columns}) VALUES ({values}) " +
                      $"ON CONFLICT (day, client_id, protocol, operation) DO UPDATE SET {Increments}";
            await s.Command(sql, p).ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The rows from <paramref name="from"/> to <paramref name="to"/> (both included), optionally of one client and one operation.</summary>
    public static async Task<List<UsageDay>> ReadAsync(DbSession s, DateOnly from, DateOnly to, string? clientId, string? operation, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = new StringBuilder($"SELECT {Columns} FROM api_usage_daily WHERE day >= {p.Add(d, ColumnType.Date, from)} AND day <= {p.Add(d, ColumnType.Date, to)}");
        if (clientId is not null) sql.Append($" AND client_id = {p.Add(d, ColumnType.Text, clientId)}");
        if (operation is not null) sql.Append($" AND operation = {p.Add(d, ColumnType.Text, operation)}");
        sql.Append(" ORDER BY day, client_id, protocol, operation");
        var rows = new List<UsageDay>();
        await using var reader = await s.Command(sql.ToString(), p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var buckets = new long[BucketCount];
            for (var i = 0; i < BucketCount; i++) buckets[i] = reader.GetInt64(8 + i);
            rows.Add(new UsageDay((DateOnly)d.Read(reader, 0, ColumnType.Date)!, reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), buckets));
        }
        return rows;
    }
}
