using Rapport.Data;

namespace Rapport.Api.Bulk;

/// <summary>
/// Where job files live: uploaded import files and finished exports, one folder per job. The folder
/// is <c>RAPPORT_DATA_DIR</c>, else <c>NAME-files</c> next to a SQLite file <c>NAME.db</c>, else
/// <c>./rapport-files</c> (PostgreSQL).
/// </summary>
public sealed class JobFiles(DatabaseTarget target)
{
    public string Root { get; } = Path.GetFullPath(Environment.GetEnvironmentVariable("RAPPORT_DATA_DIR") is { Length: > 0 } dir
        ? dir
        : target.SqliteFilePath is { } db
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db)) ?? ".", Path.GetFileNameWithoutExtension(db) + "-files")
            : "rapport-files");

    public string FolderOf(Guid jobId)
    {
        var folder = Path.Combine(Root, "jobs", jobId.ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public string ImportPath(Guid jobId, string extension) => Path.Combine(FolderOf(jobId), "input." + extension);

    public string ExportPath(Guid jobId, string extension) => Path.Combine(FolderOf(jobId), "export." + extension);
}
