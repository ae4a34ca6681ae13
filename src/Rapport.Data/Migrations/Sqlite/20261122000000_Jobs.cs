using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Data.Migrations.Sqlite;

/// <summary>
/// Bulk import and export jobs: the job with its options, counts and checkpoint (the number of source
/// rows whose outcome is committed), and every rejected row with its line, reasons and original values.
/// The checkpoint is written in the same transaction as the rows it covers, so a resumed job neither
/// repeats nor skips a row.
/// </summary>
[DbContext(typeof(SqliteRapportDbContext))]
[Migration("20261122000000_Jobs")]
public sealed class Jobs : Migration
{
    private const string Uuid = "TEXT";
    private const string Timestamp = "TEXT";
    private const string Text = "TEXT";
    private const string Integer = "INTEGER";
    private const string Boolean = "INTEGER";
    private const string Json = "TEXT";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("jobs", t => new
        {
            id = t.Column<string>(type: Uuid, nullable: false),
            kind = t.Column<string>(type: Text, nullable: false),
            @object = t.Column<string>(name: "object", type: Text, nullable: false),
            format = t.Column<string>(type: Text, nullable: false),
            status = t.Column<string>(type: Text, nullable: false),
            options = t.Column<string>(type: Json, nullable: false),
            file_path = t.Column<string>(type: Text, nullable: true),
            file_name = t.Column<string>(type: Text, nullable: true),
            client_id = t.Column<string>(type: Text, nullable: false),
            owner_id = t.Column<string>(type: Uuid, nullable: false),
            total_bytes = t.Column<long>(type: Integer, nullable: true),
            bytes_done = t.Column<long>(type: Integer, nullable: false),
            rows_done = t.Column<long>(type: Integer, nullable: false),
            read_count = t.Column<long>(type: Integer, nullable: false),
            created_count = t.Column<long>(type: Integer, nullable: false),
            updated_count = t.Column<long>(type: Integer, nullable: false),
            merged_count = t.Column<long>(type: Integer, nullable: false),
            skipped_count = t.Column<long>(type: Integer, nullable: false),
            unchanged_count = t.Column<long>(type: Integer, nullable: false),
            failed_count = t.Column<long>(type: Integer, nullable: false),
            error = t.Column<string>(type: Text, nullable: true),
            cancel_requested = t.Column<bool>(type: Boolean, nullable: false),
            created_at = t.Column<string>(type: Timestamp, nullable: false),
            started_at = t.Column<string>(type: Timestamp, nullable: true),
            finished_at = t.Column<string>(type: Timestamp, nullable: true),
            heartbeat_at = t.Column<string>(type: Timestamp, nullable: true),
        }, constraints: t => t.PrimaryKey("pk_jobs", x => x.id));
        migrationBuilder.CreateIndex("ix_jobs_status", "jobs", ["status", "created_at"]);

        migrationBuilder.CreateTable("job_errors", t => new
        {
            job_id = t.Column<string>(type: Uuid, nullable: false),
            line = t.Column<long>(type: Integer, nullable: false),
            reasons = t.Column<string>(type: Json, nullable: false),
            original = t.Column<string>(type: Json, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_job_errors", x => new { x.job_id, x.line });
            t.ForeignKey("fk_job_errors_jobs", x => x.job_id, "jobs", "id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("job_errors");
        migrationBuilder.DropTable("jobs");
    }
}
