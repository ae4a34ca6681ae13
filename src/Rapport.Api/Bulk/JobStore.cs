using System.Data.Common;
using Rapport.Data.Sql;
using Rapport.Domain.Records;

namespace Rapport.Api.Bulk;

/// <summary>
/// Reads and writes the <c>jobs</c> and <c>job_errors</c> tables through a <see cref="DbSession"/>, so a
/// batch of imported rows, their rejected rows and the checkpoint commit together.
/// </summary>
public static class JobStore
{
    private const string Columns =
        "id, kind, object, format, status, options, file_path, file_name, client_id, owner_id, total_bytes, bytes_done, rows_done, " +
        "read_count, created_count, updated_count, merged_count, skipped_count, unchanged_count, failed_count, error, cancel_requested, " +
        "created_at, started_at, finished_at";

    public static async Task InsertAsync(DbSession s, Job job, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var values = string.Join(", ",
            p.Add(d, ColumnType.Uuid, job.Id), p.Add(d, ColumnType.Text, job.Kind), p.Add(d, ColumnType.Text, job.Object),
            p.Add(d, ColumnType.Text, job.Format), p.Add(d, ColumnType.Text, job.Status), p.Add(d, ColumnType.Json, job.OptionsJson),
            p.Add(d, ColumnType.Text, job.FilePath), p.Add(d, ColumnType.Text, job.FileName), p.Add(d, ColumnType.Text, job.ClientId),
            p.Add(d, ColumnType.Uuid, job.OwnerId), p.Add(d, ColumnType.Integer, job.TotalBytes), p.Add(d, ColumnType.Integer, job.BytesDone),
            p.Add(d, ColumnType.Integer, job.RowsDone), "0, 0, 0, 0, 0, 0, 0", p.Add(d, ColumnType.Text, job.Error),
            p.Add(d, ColumnType.Boolean, false), p.Add(d, ColumnType.Timestamp, job.CreatedAt), "NULL, NULL");
        await s.Command($"INSERT INTO jobs ({Columns}) VALUES ({values})", p).ExecuteNonQueryAsync(ct);
    }

    public static async Task<Job?> GetAsync(DbSession s, Guid id, CancellationToken ct)
    {
        var p = new ParameterList();
        var cmd = s.Command($"SELECT {Columns} FROM jobs WHERE id = {p.Add(s.Dialect, ColumnType.Uuid, id)}", p);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader, s.Dialect) : null;
    }

    /// <summary>Jobs that were queued or running when the process stopped, oldest first.</summary>
    public static async Task<List<Job>> UnfinishedAsync(DbSession s, CancellationToken ct)
    {
        var cmd = s.Command($"SELECT {Columns} FROM jobs WHERE status IN ('{JobStatus.Queued}', '{JobStatus.Running}') ORDER BY created_at, id");
        var jobs = new List<Job>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) jobs.Add(Read(reader, s.Dialect));
        return jobs;
    }

    public static async Task<List<Job>> ListAsync(DbSession s, int limit, CancellationToken ct)
    {
        var p = new ParameterList();
        var cmd = s.Command($"SELECT {Columns} FROM jobs ORDER BY created_at DESC, id DESC LIMIT {p.Add(s.Dialect, ColumnType.Integer, (long)limit)}", p);
        var jobs = new List<Job>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) jobs.Add(Read(reader, s.Dialect));
        return jobs;
    }

    /// <summary>Stores status, progress, counts and the checkpoint.</summary>
    public static async Task UpdateAsync(DbSession s, Job job, CancellationToken ct) => await UpdateAsync(s, job, null, ct);

    /// <summary>
    /// Moves the checkpoint on, but only from <paramref name="expectedRowsDone"/>: false when another
    /// process advanced it first, so two runs of one job can never both write the same rows.
    /// </summary>
    public static async Task<bool> AdvanceAsync(DbSession s, Job job, long expectedRowsDone, CancellationToken ct) =>
        await UpdateAsync(s, job, expectedRowsDone, ct) > 0;

    private static async Task<int> UpdateAsync(DbSession s, Job job, long? expectedRowsDone, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var c = job.Counts;
        var sql = "UPDATE jobs SET " +
            $"status = {p.Add(d, ColumnType.Text, job.Status)}, file_path = {p.Add(d, ColumnType.Text, job.FilePath)}, " +
            $"total_bytes = {p.Add(d, ColumnType.Integer, job.TotalBytes)}, bytes_done = {p.Add(d, ColumnType.Integer, job.BytesDone)}, " +
            $"rows_done = {p.Add(d, ColumnType.Integer, job.RowsDone)}, read_count = {p.Add(d, ColumnType.Integer, c.Read)}, " +
            $"created_count = {p.Add(d, ColumnType.Integer, c.Created)}, updated_count = {p.Add(d, ColumnType.Integer, c.Updated)}, " +
            $"merged_count = {p.Add(d, ColumnType.Integer, c.Merged)}, skipped_count = {p.Add(d, ColumnType.Integer, c.Skipped)}, " +
            $"unchanged_count = {p.Add(d, ColumnType.Integer, c.Unchanged)}, failed_count = {p.Add(d, ColumnType.Integer, c.Failed)}, " +
            $"error = {p.Add(d, ColumnType.Text, job.Error)}, started_at = {p.Add(d, ColumnType.Timestamp, job.StartedAt)}, " +
            $"finished_at = {p.Add(d, ColumnType.Timestamp, job.FinishedAt)}, heartbeat_at = {p.Add(d, ColumnType.Timestamp, Timestamps.Now())} " +
            $"WHERE id = {p.Add(d, ColumnType.Uuid, job.Id)}" +
            (expectedRowsDone is { } expected ? $" AND rows_done = {p.Add(d, ColumnType.Integer, expected)}" : "");
        return await s.Command(sql, p).ExecuteNonQueryAsync(ct);
    }

    public static async Task<bool> RequestCancelAsync(DbSession s, Guid id, CancellationToken ct)
    {
        var p = new ParameterList();
        var sql = $"UPDATE jobs SET cancel_requested = {p.Add(s.Dialect, ColumnType.Boolean, true)} WHERE id = {p.Add(s.Dialect, ColumnType.Uuid, id)}";
        return await s.Command(sql, p).ExecuteNonQueryAsync(ct) > 0;
    }

    public static async Task<bool> CancelRequestedAsync(DbSession s, Guid id, CancellationToken ct)
    {
        var p = new ParameterList();
        var cmd = s.Command($"SELECT cancel_requested FROM jobs WHERE id = {p.Add(s.Dialect, ColumnType.Uuid, id)}", p);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && (bool)s.Dialect.Read(reader, 0, ColumnType.Boolean)!;
    }

    public static async Task InsertErrorAsync(DbSession s, Guid jobId, RowError error, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = "INSERT INTO job_errors (job_id, line, reasons, original) VALUES (" +
            $"{p.Add(d, ColumnType.Uuid, jobId)}, {p.Add(d, ColumnType.Integer, error.Line)}, " +
            $"{p.Add(d, ColumnType.Json, error.ReasonsJson())}, {p.Add(d, ColumnType.Json, error.OriginalJson())})";
        await s.Command(sql, p).ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rejected rows in line order, from <paramref name="afterLine"/> on, at most <paramref name="limit"/>.</summary>
    public static async Task<List<RowError>> ErrorsAsync(DbSession s, Guid jobId, long afterLine, int limit, CancellationToken ct)
    {
        var d = s.Dialect;
        var p = new ParameterList();
        var sql = $"SELECT line, reasons, original FROM job_errors WHERE job_id = {p.Add(d, ColumnType.Uuid, jobId)} " +
            $"AND line > {p.Add(d, ColumnType.Integer, afterLine)} ORDER BY line LIMIT {p.Add(d, ColumnType.Integer, (long)limit)}";
        var errors = new List<RowError>();
        await using var reader = await s.Command(sql, p).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) errors.Add(RowError.FromStored(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return errors;
    }

    private static Job Read(DbDataReader r, SqlDialect d) => new()
    {
        Id = (Guid)d.Read(r, 0, ColumnType.Uuid)!,
        Kind = r.GetString(1),
        Object = r.GetString(2),
        Format = r.GetString(3),
        Status = r.GetString(4),
        OptionsJson = r.GetString(5),
        FilePath = r.IsDBNull(6) ? null : r.GetString(6),
        FileName = r.IsDBNull(7) ? null : r.GetString(7),
        ClientId = r.GetString(8),
        OwnerId = (Guid)d.Read(r, 9, ColumnType.Uuid)!,
        TotalBytes = r.IsDBNull(10) ? null : r.GetInt64(10),
        BytesDone = r.GetInt64(11),
        RowsDone = r.GetInt64(12),
        Counts = new JobCounts
        {
            Read = r.GetInt64(13), Created = r.GetInt64(14), Updated = r.GetInt64(15), Merged = r.GetInt64(16),
            Skipped = r.GetInt64(17), Unchanged = r.GetInt64(18), Failed = r.GetInt64(19),
        },
        Error = r.IsDBNull(20) ? null : r.GetString(20),
        CancelRequested = (bool)d.Read(r, 21, ColumnType.Boolean)!,
        CreatedAt = (DateTime)d.Read(r, 22, ColumnType.Timestamp)!,
        StartedAt = (DateTime?)d.Read(r, 23, ColumnType.Timestamp),
        FinishedAt = (DateTime?)d.Read(r, 24, ColumnType.Timestamp),
    };
}
