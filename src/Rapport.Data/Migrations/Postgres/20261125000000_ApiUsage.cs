using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Data.Migrations.Postgres;

/// <summary>
/// API usage per UTC day, client, protocol (rest, soap) and operation: calls, errors (status 400 and above),
/// server errors (500 and above), the summed duration in microseconds and a latency histogram
/// (<c>bucket_0</c> .. <c>bucket_14</c>, each the calls in one band of <c>LatencyBuckets</c>, not cumulative).
/// Servers add their counts every few seconds with an upsert that increments, so several servers on one
/// database add up.
/// </summary>
[DbContext(typeof(PostgresRapportDbContext))]
[Migration("20261125000000_ApiUsage")]
public sealed class ApiUsage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE api_usage_daily (
                day date NOT NULL,
                client_id text NOT NULL,
                protocol text NOT NULL,
                operation text NOT NULL,
                calls bigint NOT NULL,
                errors bigint NOT NULL,
                server_errors bigint NOT NULL,
                duration_us bigint NOT NULL,
                bucket_0 bigint NOT NULL, bucket_1 bigint NOT NULL, bucket_2 bigint NOT NULL, bucket_3 bigint NOT NULL,
                bucket_4 bigint NOT NULL, bucket_5 bigint NOT NULL, bucket_6 bigint NOT NULL, bucket_7 bigint NOT NULL,
                bucket_8 bigint NOT NULL, bucket_9 bigint NOT NULL, bucket_10 bigint NOT NULL, bucket_11 bigint NOT NULL,
                bucket_12 bigint NOT NULL, bucket_13 bigint NOT NULL, bucket_14 bigint NOT NULL,
                CONSTRAINT pk_api_usage_daily PRIMARY KEY (day, client_id, protocol, operation)
            );
            CREATE INDEX ix_api_usage_daily_client ON api_usage_daily (client_id, day);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP TABLE api_usage_daily;");
}
