using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Data.Migrations.Sqlite;

/// <summary>
/// The change feed: one row per change of a record, written in the transaction of the change (the
/// outbox that the feed, webhooks and the bus read), and the checkpoints and leases of its consumers.
/// SQLite has one writer, so a change's key, taken at insert, is already its place in commit order.
/// </summary>
[DbContext(typeof(SqliteRapportDbContext))]
[Migration("20261124000000_ChangeFeed")]
public sealed class ChangeFeed : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE changes (
                seq INTEGER NOT NULL CONSTRAINT pk_changes PRIMARY KEY AUTOINCREMENT,
                object TEXT NOT NULL,
                record_id TEXT NOT NULL,
                op TEXT NOT NULL,
                at TEXT NOT NULL,
                version INTEGER NOT NULL,
                client_id TEXT NOT NULL,
                user_id TEXT NULL,
                merged_into TEXT NULL,
                changed_fields TEXT NOT NULL,
                record TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE change_consumers (
                name TEXT NOT NULL CONSTRAINT pk_change_consumers PRIMARY KEY,
                position INTEGER NOT NULL,
                lease_owner TEXT NULL,
                lease_until TEXT NULL,
                updated_at TEXT NOT NULL
            );
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("change_consumers");
        migrationBuilder.DropTable("changes");
    }
}
