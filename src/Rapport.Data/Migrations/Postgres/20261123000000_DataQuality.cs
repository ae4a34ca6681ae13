using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Data.Migrations.Postgres;

/// <summary>
/// Data quality: merges with everything needed to undo them, the redirects that answer for merged
/// records, a per-record audit (normalisations, merges), per-object quality settings (normalisation
/// rules, matching configuration and the trained match model) and the duplicate clusters of the last scan.
/// </summary>
[DbContext(typeof(PostgresRapportDbContext))]
[Migration("20261123000000_DataQuality")]
public sealed class DataQuality : Migration
{
    private const string Uuid = "uuid";
    private const string Timestamp = "timestamp with time zone";
    private const string Text = "text";
    private const string Json = "jsonb";
    private const string Real = "double precision";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("merges", t => new
        {
            id = t.Column<string>(type: Uuid, nullable: false),
            @object = t.Column<string>(name: "object", type: Text, nullable: false),
            survivor_id = t.Column<string>(type: Uuid, nullable: false),
            merged_ids = t.Column<string>(type: Json, nullable: false),
            client_id = t.Column<string>(type: Text, nullable: false),
            created_at = t.Column<string>(type: Timestamp, nullable: false),
            undone_at = t.Column<string>(type: Timestamp, nullable: true),
            state = t.Column<string>(type: Json, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_merges", x => x.id));
        migrationBuilder.CreateIndex("ix_merges_object_survivor_id", "merges", ["object", "survivor_id"]);

        migrationBuilder.CreateTable("record_redirects", t => new
        {
            @object = t.Column<string>(name: "object", type: Text, nullable: false),
            record_id = t.Column<string>(type: Uuid, nullable: false),
            survivor_id = t.Column<string>(type: Uuid, nullable: false),
            merge_id = t.Column<string>(type: Uuid, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_record_redirects", x => new { x.@object, x.record_id }));
        migrationBuilder.CreateIndex("ix_record_redirects_merge_id", "record_redirects", ["merge_id"]);

        migrationBuilder.CreateTable("record_audit", t => new
        {
            id = t.Column<string>(type: Uuid, nullable: false),
            @object = t.Column<string>(name: "object", type: Text, nullable: false),
            record_id = t.Column<string>(type: Uuid, nullable: false),
            at = t.Column<string>(type: Timestamp, nullable: false),
            client_id = t.Column<string>(type: Text, nullable: false),
            action = t.Column<string>(type: Text, nullable: false),
            details = t.Column<string>(type: Json, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_record_audit", x => x.id));
        migrationBuilder.CreateIndex("ix_record_audit_object_record_id_id", "record_audit", ["object", "record_id", "id"]);

        migrationBuilder.CreateTable("quality_settings", t => new
        {
            @object = t.Column<string>(name: "object", type: Text, nullable: false),
            normalisation = t.Column<string>(type: Json, nullable: true),
            matching = t.Column<string>(type: Json, nullable: true),
            match_model = t.Column<string>(type: Json, nullable: true),
            updated_at = t.Column<string>(type: Timestamp, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_quality_settings", x => x.@object));

        migrationBuilder.CreateTable("duplicate_clusters", t => new
        {
            id = t.Column<string>(type: Uuid, nullable: false),
            @object = t.Column<string>(name: "object", type: Text, nullable: false),
            scan_id = t.Column<string>(type: Uuid, nullable: false),
            score = t.Column<double>(type: Real, nullable: false),
            members = t.Column<string>(type: Json, nullable: false),
            status = t.Column<string>(type: Text, nullable: false),
            created_at = t.Column<string>(type: Timestamp, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_duplicate_clusters", x => x.id));
        migrationBuilder.CreateIndex("ix_duplicate_clusters_object_score_id", "duplicate_clusters", ["object", "score", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("duplicate_clusters");
        migrationBuilder.DropTable("quality_settings");
        migrationBuilder.DropTable("record_audit");
        migrationBuilder.DropTable("record_redirects");
        migrationBuilder.DropTable("merges");
    }
}
