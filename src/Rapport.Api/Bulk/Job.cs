namespace Rapport.Api.Bulk;

/// <summary>An import or export job as stored in the <c>jobs</c> table.</summary>
public sealed class Job
{
    public required Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string Object { get; init; }
    public required string Format { get; init; }
    public required string Status { get; set; }
    public required string OptionsJson { get; init; }
    public string? FilePath { get; set; }
    public string? FileName { get; init; }
    public required string ClientId { get; init; }
    public required Guid OwnerId { get; init; }
    public long? TotalBytes { get; set; }
    public long BytesDone { get; set; }

    /// <summary>The checkpoint: source rows whose outcome (written or rejected) is committed. A resumed import skips these.</summary>
    public long RowsDone { get; set; }

    public JobCounts Counts { get; set; } = new();
    public string? Error { get; set; }
    public bool CancelRequested { get; set; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
}

public static class JobKind
{
    public const string Import = "import";
    public const string Export = "export";

    /// <summary>A duplicate scan (contract §6): counts.read is the records compared, counts.created the clusters found.</summary>
    public const string Dedupe = "dedupe";
}

public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>What happened to the rows of a job (contract §5), plus rows that matched but changed nothing.</summary>
public sealed record JobCounts
{
    public long Read { get; set; }
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Merged { get; set; }
    public long Skipped { get; set; }
    public long Unchanged { get; set; }
    public long Failed { get; set; }

    public JobCounts Plus(JobCounts o) => new()
    {
        Read = Read + o.Read, Created = Created + o.Created, Updated = Updated + o.Updated, Merged = Merged + o.Merged,
        Skipped = Skipped + o.Skipped, Unchanged = Unchanged + o.Unchanged, Failed = Failed + o.Failed,
    };
}
