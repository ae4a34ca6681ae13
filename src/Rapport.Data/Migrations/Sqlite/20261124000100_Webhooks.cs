using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Data.Migrations.Sqlite;

/// <summary>
/// Webhooks: subscriptions (a URL, event patterns, a signing secret and, during a rotation, the previous
/// one, and the end of the change feed when it was created or last switched on: only later changes are
/// sent to it), one delivery per subscription and change (the unit that is retried, leased and logged), and one
/// attempt per HTTP try. A delivery's id is a UUIDv7, so its text order is creation order: retention and
/// the newest-first listing walk the primary key instead of another index.
/// </summary>
[DbContext(typeof(SqliteRapportDbContext))]
[Migration("20261124000100_Webhooks")]
public sealed class Webhooks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE webhook_subscriptions (
                id TEXT NOT NULL CONSTRAINT pk_webhook_subscriptions PRIMARY KEY,
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                description TEXT NULL,
                active INTEGER NOT NULL,
                active_from_seq INTEGER NOT NULL,
                status TEXT NOT NULL,
                status_reason TEXT NULL,
                status_since TEXT NOT NULL,
                secret TEXT NOT NULL,
                previous_secret TEXT NULL,
                previous_secret_expires_at TEXT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            """);
        migrationBuilder.Sql("""
            CREATE TABLE webhook_deliveries (
                id TEXT NOT NULL CONSTRAINT pk_webhook_deliveries PRIMARY KEY,
                subscription_id TEXT NOT NULL,
                change_seq INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at TEXT NULL,
                lease_owner TEXT NULL,
                lease_until TEXT NULL,
                last_status INTEGER NULL,
                last_error TEXT NULL,
                created_at TEXT NOT NULL,
                delivered_at TEXT NULL
            );
            """);
        migrationBuilder.Sql("CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';");
        migrationBuilder.Sql("CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);");
        migrationBuilder.Sql("""
            CREATE TABLE webhook_attempts (
                id TEXT NOT NULL CONSTRAINT pk_webhook_attempts PRIMARY KEY,
                delivery_id TEXT NOT NULL,
                at TEXT NOT NULL,
                duration_ms INTEGER NOT NULL,
                url TEXT NOT NULL,
                webhook_id TEXT NOT NULL,
                webhook_timestamp INTEGER NOT NULL,
                response_status INTEGER NULL,
                response_headers TEXT NULL,
                response_body TEXT NULL,
                error TEXT NULL
            );
            """);
        migrationBuilder.Sql("CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts (delivery_id, id);");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("webhook_attempts");
        migrationBuilder.DropTable("webhook_deliveries");
        migrationBuilder.DropTable("webhook_subscriptions");
    }
}
