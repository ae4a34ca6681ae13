using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Data.Migrations.Sqlite;

/// <summary>
/// API usage per UTC day, client, protocol (rest, soap) and operation: calls, errors (status 400 and above),
/// server errors (500 and above), the summed duration in microseconds and a latency histogram
/// (<c>bucket_0</c> .. <c>bucket_14</c>, each the calls in one band of <c>LatencyBuckets</c>, not cumulative).
/// Servers add their counts every few seconds with an upsert that increments, so several servers on one
/// database add up.
/// </summary>
[DbContext(typeof(SqliteRapportDbContext))]
[Migration("20261125000000_ApiUsage")]
public sealed class ApiUsage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE api_usage_daily (
                day TEXT NOT NULL,
                client_id TEXT NOT NULL,
                protocol TEXT NOT NULL,
                operation TEXT NOT NULL,
                calls INTEGER NOT NULL,
                errors INTEGER NOT NULL,
                server_errors INTEGER NOT NULL,
                duration_us INTEGER NOT NULL,
                bucket_0 INTEGER NOT NULL, bucket_1 INTEGER NOT NULL, bucket_2 INTEGER NOT NULL, bucket_3 INTEGER NOT NULL,
                bucket_4 INTEGER NOT NULL, bucket_5 INTEGER NOT NULL, bucket_6 INTEGER NOT NULL, bucket_7 INTEGER NOT NULL,
                bucket_8 INTEGER NOT NULL, bucket_9 INTEGER NOT NULL, bucket_10 INTEGER NOT NULL, bucket_11 INTEGER NOT NULL,
                bucket_12 INTEGER NOT NULL, bucket_13 INTEGER NOT NULL, bucket_14 INTEGER NOT NULL,
                CONSTRAINT pk_api_usage_daily PRIMARY KEY (day, client_id, protocol, operation)
            );
            """);
        migrationBuilder.Sql("CREATE INDEX ix_api_usage_daily_client ON api_usage_daily (client_id, day);");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("api_usage_daily");
}
