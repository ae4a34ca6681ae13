using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Data.Migrations.Postgres;

/// <summary>
/// Webhooks: subscriptions (a URL, event patterns, a signing secret and, during a rotation, the previous
/// one, and the end of the change feed when it was created or last switched on: only later changes are
/// sent to it), one delivery per subscription and change (the unit that is retried, leased and logged), and one
/// attempt per HTTP try. A delivery's id is a UUIDv7, so its order is creation order: retention and the
/// newest-first listing walk the primary key instead of another index.
/// </summary>
[DbContext(typeof(PostgresRapportDbContext))]
[Migration("20261124000100_Webhooks")]
public sealed class Webhooks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE webhook_subscriptions (
                id uuid NOT NULL CONSTRAINT pk_webhook_subscriptions PRIMARY KEY,
                url text NOT NULL,
                events text NOT NULL,
                description text NULL,
                active boolean NOT NULL,
                active_from_seq bigint NOT NULL,
                status text NOT NULL,
                status_reason text NULL,
                status_since timestamp with time zone NOT NULL,
                secret text NOT NULL,
                previous_secret text NULL,
                previous_secret_expires_at timestamp with time zone NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL
            );
            CREATE TABLE webhook_deliveries (
                id uuid NOT NULL CONSTRAINT pk_webhook_deliveries PRIMARY KEY,
                subscription_id uuid NOT NULL,
                change_seq bigint NOT NULL,
                event_type text NOT NULL,
                status text NOT NULL,
                attempts integer NOT NULL,
                next_attempt_at timestamp with time zone NULL,
                lease_owner text NULL,
                lease_until timestamp with time zone NULL,
                last_status integer NULL,
                last_error text NULL,
                created_at timestamp with time zone NOT NULL,
                delivered_at timestamp with time zone NULL
            );
            CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
            CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
            CREATE TABLE webhook_attempts (
                id uuid NOT NULL CONSTRAINT pk_webhook_attempts PRIMARY KEY,
                delivery_id uuid NOT NULL,
                at timestamp with time zone NOT NULL,
                duration_ms integer NOT NULL,
                url text NOT NULL,
                webhook_id text NOT NULL,
                webhook_timestamp bigint NOT NULL,
                response_status integer NULL,
                response_headers text NULL,
                response_body text NULL,
                error text NULL
            );
            CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE webhook_attempts; DROP TABLE webhook_deliveries; DROP TABLE webhook_subscriptions;");
    }
}
