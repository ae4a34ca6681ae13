using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Rapport.Data.Migrations;

/// <summary>Applies the hand-written migrations of the target's provider.</summary>
public static class Migrator
{
    public static async Task MigrateAsync(DatabaseTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var file = target.SqliteFilePath;
        if (file is not null)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir))
                Directory.CreateDirectory(dir);
        }

        await using var db = RapportDbContext.Create(target);
        await db.Database.MigrateAsync(ct).ConfigureAwait(false);

        // WAL is a property of the file and cannot be switched inside the migration transaction.
        if (file is not null)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct).ConfigureAwait(false);
    }
}
