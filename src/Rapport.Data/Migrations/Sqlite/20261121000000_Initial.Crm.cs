using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Rapport.Data.Migrations.Sqlite;

// CRM record tables, one per standard object. Frozen copy of the metadata in Rapport.Domain as of this
// migration; the SchemaMatchesMetadata test checks that every metadata column exists.
public sealed partial class Initial
{
    private static readonly string[] CrmTables =
    [
        "accounts", "contacts", "leads", "opportunities", "activities", "cases", "campaigns", "products", "orders",
    ];

    private static void CreateCrmTables(MigrationBuilder b)
    {
        RecordTable(b, "accounts",
            ("name", Text), ("domain", Text), ("industry", Text), ("website", Text), ("phone", Text),
            ("billing_address", Json), ("shipping_address", Json), ("annual_revenue", Decimal), ("currency", Text),
            ("employees", Integer), ("parent_account_id", Uuid), ("description", Text));
        Index(b, "accounts", "domain");
        Index(b, "accounts", "name");

        RecordTable(b, "contacts",
            ("first_name", Text), ("last_name", Text), ("title", Text), ("emails", Json), ("email", Text),
            ("phones", Json), ("phone", Text), ("account_id", Uuid), ("address", Json), ("lifecycle_stage", Text),
            ("marketing_consent", Json), ("birth_date", Date), ("description", Text));
        Index(b, "contacts", "email");
        Index(b, "contacts", "phone");
        Index(b, "contacts", "last_name");
        Index(b, "contacts", "account_id");

        RecordTable(b, "leads",
            ("first_name", Text), ("last_name", Text), ("title", Text), ("company", Text), ("emails", Json),
            ("email", Text), ("phones", Json), ("phone", Text), ("address", Json), ("status", Text), ("source", Text),
            ("website", Text), ("industry", Text), ("description", Text), ("converted_at", Timestamp),
            ("converted_account_id", Uuid), ("converted_contact_id", Uuid), ("converted_opportunity_id", Uuid));
        Index(b, "leads", "email");
        Index(b, "leads", "phone");
        Index(b, "leads", "last_name");
        Index(b, "leads", "status");

        RecordTable(b, "opportunities",
            ("name", Text), ("account_id", Uuid), ("contact_id", Uuid), ("amount", Decimal), ("currency", Text),
            ("stage", Text), ("probability", Integer), ("close_date", Date), ("line_items", Json), ("description", Text));
        Index(b, "opportunities", "account_id");
        Index(b, "opportunities", "contact_id");
        Index(b, "opportunities", "stage");

        RecordTable(b, "activities",
            ("type", Text), ("subject", Text), ("body", Text), ("status", Text), ("due_at", Timestamp),
            ("start_at", Timestamp), ("end_at", Timestamp), ("related_object", Text), ("related_id", Uuid),
            ("participants", Json));
        Index(b, "activities", "related_id");

        RecordTable(b, "cases",
            ("subject", Text), ("description", Text), ("account_id", Uuid), ("contact_id", Uuid), ("status", Text),
            ("priority", Text), ("channel", Text), ("sla_due_at", Timestamp), ("closed_at", Timestamp));
        Index(b, "cases", "account_id");
        Index(b, "cases", "contact_id");
        Index(b, "cases", "status");

        RecordTable(b, "campaigns",
            ("name", Text), ("type", Text), ("status", Text), ("start_date", Date), ("end_date", Date),
            ("budget", Decimal), ("actual_cost", Decimal), ("currency", Text), ("description", Text));

        RecordTable(b, "products",
            ("name", Text), ("sku", Text), ("price", Decimal), ("currency", Text), ("active", Boolean),
            ("family", Text), ("description", Text));
        b.CreateIndex("ux_products_sku", "products", "sku", unique: true, filter: "deleted_at IS NULL");

        RecordTable(b, "orders",
            ("number", Text), ("account_id", Uuid), ("contact_id", Uuid), ("opportunity_id", Uuid), ("status", Text),
            ("ordered_at", Timestamp), ("currency", Text), ("lines", Json), ("total", Decimal),
            ("shipping_address", Json));
        Index(b, "orders", "account_id");
        b.CreateIndex("ux_orders_number", "orders", "number", unique: true, filter: "deleted_at IS NULL");
    }

    /// <summary>Creates a record table: the common columns, then <paramref name="fields"/> (all nullable).</summary>
    private static void RecordTable(MigrationBuilder b, string table, params (string Name, string Type)[] fields)
    {
        var op = new CreateTableOperation
        {
            Name = table,
            PrimaryKey = new AddPrimaryKeyOperation { Table = table, Name = "pk_" + table, Columns = ["id"] },
        };
        void Add(string name, string type, bool nullable, string? defaultSql = null) =>
            op.Columns.Add(new AddColumnOperation
            {
                Table = table, Name = name, ColumnType = type, ClrType = ClrTypeOf(type),
                IsNullable = nullable, DefaultValueSql = defaultSql,
            });

        Add("id", Uuid, nullable: false);
        Add("created_at", Timestamp, nullable: false);
        Add("updated_at", Timestamp, nullable: false);
        Add("deleted_at", Timestamp, nullable: true);
        Add("version", Integer, nullable: false);
        Add("owner_id", Uuid, nullable: false);
        Add("external_ids", Json, nullable: false, "'{}'");
        Add("custom", Json, nullable: false, "'{}'");
        foreach (var (name, type) in fields)
            Add(name, type, nullable: true);
        b.Operations.Add(op);

        b.CreateIndex($"ix_{table}_updated_at_id", table, ["updated_at", "id"]);
    }

    // The id rides along so a lookup by this column comes back in id order (the default list order)
    // straight from the index, with no sort step.
    private static void Index(MigrationBuilder b, string table, string column) =>
        b.CreateIndex($"ix_{table}_{column}", table, [column, "id"]);

    private static Type ClrTypeOf(string type) => type == Integer ? typeof(long) : typeof(string);
}
