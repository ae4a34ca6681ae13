using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Data.Migrations.Postgres;

/// <summary>
/// The initial PostgreSQL schema: system tables (mapped by EF) and CRM record tables (see Initial.Crm.cs).
/// Hand-written and frozen: change the schema with a new migration, never by editing this one.
/// </summary>
[DbContext(typeof(PostgresRapportDbContext))]
[Migration("20261121000000_Initial")]
public sealed partial class Initial : Migration
{
    private const string Uuid = "uuid";
    private const string Timestamp = "timestamp with time zone";
    private const string Date = "date";
    private const string Text = "text";
    private const string Integer = "bigint";
    private const string Boolean = "boolean";
    private const string Decimal = "numeric";
    private const string Json = "jsonb";

    // System tables are mapped by EF: their int columns keep EF's type for int.
    private const string Int32 = "integer";

    private static readonly Guid AdminId = new("00000000-0000-7000-8000-000000000001");
    private static readonly DateTime SeedTime = new(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateSystemTables(migrationBuilder);
        SeedSystemTables(migrationBuilder);
        CreateCrmTables(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in CrmTables.Reverse())
            migrationBuilder.DropTable(table);
        foreach (var table in SystemTables.Reverse())
            migrationBuilder.DropTable(table);
    }

    private static readonly string[] SystemTables =
    [
        "users", "api_clients", "signing_keys", "settings", "custom_fields", "pipeline_stages",
        "idempotency_keys", "external_ids", "campaign_members",
    ];

    private static void CreateSystemTables(MigrationBuilder b)
    {
        b.CreateTable("users", t => new
        {
            id = t.Column<Guid>(type: Uuid, nullable: false),
            name = t.Column<string>(type: Text, nullable: false),
            email = t.Column<string>(type: Text, nullable: false),
            role = t.Column<string>(type: Text, nullable: false),
            active = t.Column<bool>(type: Boolean, nullable: false),
            created_at = t.Column<DateTime>(type: Timestamp, nullable: false),
            updated_at = t.Column<DateTime>(type: Timestamp, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_users", x => x.id));
        b.CreateIndex("ux_users_email", "users", "email", unique: true);

        b.CreateTable("api_clients", t => new
        {
            id = t.Column<Guid>(type: Uuid, nullable: false),
            client_id = t.Column<string>(type: Text, nullable: false),
            name = t.Column<string>(type: Text, nullable: false),
            secret_hash = t.Column<string>(type: Text, nullable: false),
            scopes = t.Column<string>(type: Text, nullable: false),
            owner_id = t.Column<Guid>(type: Uuid, nullable: true),
            created_at = t.Column<DateTime>(type: Timestamp, nullable: false),
            last_used_at = t.Column<DateTime>(type: Timestamp, nullable: true),
            revoked_at = t.Column<DateTime>(type: Timestamp, nullable: true),
        }, constraints: t => t.PrimaryKey("pk_api_clients", x => x.id));
        b.CreateIndex("ux_api_clients_client_id", "api_clients", "client_id", unique: true);

        b.CreateTable("signing_keys", t => new
        {
            id = t.Column<Guid>(type: Uuid, nullable: false),
            kid = t.Column<string>(type: Text, nullable: false),
            algorithm = t.Column<string>(type: Text, nullable: false),
            private_key = t.Column<string>(type: Text, nullable: false),
            created_at = t.Column<DateTime>(type: Timestamp, nullable: false),
            retired_at = t.Column<DateTime>(type: Timestamp, nullable: true),
        }, constraints: t => t.PrimaryKey("pk_signing_keys", x => x.id));
        b.CreateIndex("ux_signing_keys_kid", "signing_keys", "kid", unique: true);

        b.CreateTable("settings", t => new
        {
            key = t.Column<string>(type: Text, nullable: false),
            value = t.Column<string>(type: Text, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_settings", x => x.key));

        b.CreateTable("custom_fields", t => new
        {
            @object = t.Column<string>(type: Text, nullable: false),
            name = t.Column<string>(type: Text, nullable: false),
            label = t.Column<string>(type: Text, nullable: false),
            type = t.Column<string>(type: Text, nullable: false),
            required = t.Column<bool>(type: Boolean, nullable: false),
            is_unique = t.Column<bool>(type: Boolean, nullable: false),
            options = t.Column<string>(type: Json, nullable: true),
            pattern = t.Column<string>(type: Text, nullable: true),
            default_value = t.Column<string>(type: Json, nullable: true),
            created_at = t.Column<DateTime>(type: Timestamp, nullable: false),
            updated_at = t.Column<DateTime>(type: Timestamp, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_custom_fields", x => new { x.@object, x.name }));

        b.CreateTable("pipeline_stages", t => new
        {
            name = t.Column<string>(type: Text, nullable: false),
            label = t.Column<string>(type: Text, nullable: false),
            probability = t.Column<int>(type: Int32, nullable: false),
            position = t.Column<int>(type: Int32, nullable: false),
            is_closed = t.Column<bool>(type: Boolean, nullable: false),
            is_won = t.Column<bool>(type: Boolean, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_pipeline_stages", x => x.name));

        b.CreateTable("idempotency_keys", t => new
        {
            client_id = t.Column<string>(type: Text, nullable: false),
            key = t.Column<string>(type: Text, nullable: false),
            request_hash = t.Column<string>(type: Text, nullable: false),
            status_code = t.Column<int>(type: Int32, nullable: false),
            content_type = t.Column<string>(type: Text, nullable: true),
            body = t.Column<string>(type: Text, nullable: true),
            location = t.Column<string>(type: Text, nullable: true),
            etag = t.Column<string>(type: Text, nullable: true),
            created_at = t.Column<DateTime>(type: Timestamp, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_idempotency_keys", x => new { x.client_id, x.key }));
        b.CreateIndex("ix_idempotency_keys_created_at", "idempotency_keys", "created_at");

        b.CreateTable("external_ids", t => new
        {
            @object = t.Column<string>(type: Text, nullable: false),
            system = t.Column<string>(type: Text, nullable: false),
            external_id = t.Column<string>(type: Text, nullable: false),
            record_id = t.Column<Guid>(type: Uuid, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_external_ids", x => new { x.@object, x.system, x.external_id }));
        b.CreateIndex("ix_external_ids_object_record_id", "external_ids", ["object", "record_id"]);

        b.CreateTable("campaign_members", t => new
        {
            id = t.Column<Guid>(type: Uuid, nullable: false),
            campaign_id = t.Column<Guid>(type: Uuid, nullable: false),
            member_object = t.Column<string>(type: Text, nullable: false),
            member_id = t.Column<Guid>(type: Uuid, nullable: false),
            status = t.Column<string>(type: Text, nullable: false),
            created_at = t.Column<DateTime>(type: Timestamp, nullable: false),
            updated_at = t.Column<DateTime>(type: Timestamp, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_campaign_members", x => x.id));
        b.CreateIndex("ux_campaign_members_campaign_id_member_object_member_id", "campaign_members",
            ["campaign_id", "member_object", "member_id"], unique: true);
        b.CreateIndex("ix_campaign_members_member_object_member_id", "campaign_members", ["member_object", "member_id"]);
    }

    private static void SeedSystemTables(MigrationBuilder b)
    {
        b.InsertData("users",
            ["id", "name", "email", "role", "active", "created_at", "updated_at"],
            [Uuid, Text, Text, Text, Boolean, Timestamp, Timestamp],
            [AdminId, "Rapport Admin", "admin@rapport.local", "admin", true, SeedTime, SeedTime]);

        b.InsertData("pipeline_stages",
            ["name", "label", "probability", "position", "is_closed", "is_won"],
            [Text, Text, Int32, Int32, Boolean, Boolean],
            new object[,]
            {
                { "prospecting", "Prospecting", 10, 1, false, false },
                { "qualification", "Qualification", 20, 2, false, false },
                { "proposal", "Proposal", 50, 3, false, false },
                { "negotiation", "Negotiation", 75, 4, false, false },
                { "closedWon", "Closed won", 100, 5, true, true },
                { "closedLost", "Closed lost", 0, 6, true, false },
            });
    }
}
