using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Data.Migrations.Postgres;

/// <summary>
/// The change feed: one row per change of a record, written in the transaction of the change (the
/// outbox that the feed, webhooks and the bus read), and the checkpoints and leases of its consumers.
/// With many writers a key taken at insert is not commit order, so a change gets its place in the feed
/// (<c>seq</c>) only after it committed, from a sequencer that numbers committed rows in one
/// transaction at a time (see <c>ChangeStore.SequenceAsync</c>); <c>id</c> is only the insert order.
/// </summary>
[DbContext(typeof(PostgresRapportDbContext))]
[Migration("20261124000000_ChangeFeed")]
public sealed class ChangeFeed : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE SEQUENCE changes_seq AS bigint;
            CREATE TABLE changes (
                id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_changes PRIMARY KEY,
                seq bigint NULL,
                object text NOT NULL,
                record_id uuid NOT NULL,
                op text NOT NULL,
                at timestamp with time zone NOT NULL,
                version bigint NOT NULL,
                client_id text NOT NULL,
                user_id uuid NULL,
                merged_into uuid NULL,
                changed_fields text NOT NULL,
                record text NOT NULL
            );
            CREATE UNIQUE INDEX ix_changes_seq ON changes (seq);
            CREATE INDEX ix_changes_unsequenced ON changes (id) WHERE seq IS NULL;
            CREATE TABLE change_consumers (
                name text NOT NULL CONSTRAINT pk_change_consumers PRIMARY KEY,
                position bigint NOT NULL,
                lease_owner text NULL,
                lease_until timestamp with time zone NULL,
                updated_at timestamp with time zone NOT NULL
            );
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE change_consumers; DROP TABLE changes; DROP SEQUENCE changes_seq;");
    }
}
