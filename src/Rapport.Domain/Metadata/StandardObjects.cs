using System.Collections.Frozen;
using static Rapport.Domain.Metadata.F;

namespace Rapport.Domain.Metadata;

/// <summary>
/// The catalogue of standard CRM objects. This is the single source every generic path reads:
/// validation, storage, filters, JSON/XML/CSV and the OpenAPI document.
/// </summary>
public static class StandardObjects
{
    private static IReadOnlyList<FieldDef> AddressFields() =>
    [
        Text("street", 255, column: false), Text("line2", 255, column: false), Text("city", 100, column: false),
        Text("postalCode", 20, column: false), Text("region", 100, column: false), Of(FieldKind.CountryCode, "country", column: false),
    ];

    private static FieldDef Address(string name) => Obj(name, AddressFields());

    private static FieldDef Emails() => Arr("emails", "email",
    [
        new FieldDef { Name = "address", Kind = FieldKind.Email, Required = true, MaxLength = 254 },
        Pick("type", Picklists.EmailTypes, column: false),
        Of(FieldKind.Boolean, "primary", column: false),
    ], maxItems: 20, primaryColumn: "email", primaryProperty: "address");

    private static FieldDef Phones() => Arr("phones", "phone",
    [
        new FieldDef { Name = "number", Kind = FieldKind.Phone, Required = true, MaxLength = 32 },
        Pick("type", Picklists.PhoneTypes, column: false),
        Of(FieldKind.Boolean, "primary", column: false),
    ], maxItems: 20, primaryColumn: "phone", primaryProperty: "number");

    private static IReadOnlyList<FieldDef> LineFields() =>
    [
        Ref("productId", "products", column: false),
        Text("sku", 64, column: false),
        Text("description", 1000, column: false),
        Num(FieldKind.Decimal, "quantity", min: 0, column: false, required: true),
        Num(FieldKind.Money, "unitPrice", min: 0, column: false, required: true),
        Num(FieldKind.Decimal, "discount", min: 0, max: 100, column: false),
        new FieldDef { Name = "total", Kind = FieldKind.Money, ReadOnly = true },
    ];

    public static readonly ObjectDef Accounts = new("accounts", "account", "Account", "accounts",
    [
        Text("name", 255, required: true, searchable: true),
        Text("domain", 253, searchable: true),
        Text("industry", 100),
        Of(FieldKind.Url, "website", max: 2048),
        Of(FieldKind.Phone, "phone", max: 32),
        Address("billingAddress"),
        Address("shippingAddress"),
        Num(FieldKind.Money, "annualRevenue", min: 0),
        Of(FieldKind.CurrencyCode, "currency"),
        Num(FieldKind.Integer, "employees", min: 0),
        Ref("parentAccountId", "accounts"),
        LongText("description"),
    ]);

    public static readonly ObjectDef Contacts = new("contacts", "contact", "Contact", "contacts",
    [
        Text("firstName", 100, searchable: true),
        Text("lastName", 100, required: true, searchable: true),
        Text("title", 128),
        Emails(),
        Phones(),
        Ref("accountId", "accounts"),
        Address("address"),
        Pick("lifecycleStage", Picklists.LifecycleStages, defaultValue: "lead"),
        Obj("marketingConsent",
        [
            Pick("status", Picklists.ConsentStatuses, column: false),
            Of(FieldKind.DateTime, "at", column: false),
            Pick("method", Picklists.ConsentMethods, column: false),
            Text("source", 255, column: false),
        ]),
        Of(FieldKind.Date, "birthDate"),
        LongText("description"),
    ]);

    public static readonly ObjectDef Leads = new("leads", "lead", "Lead", "leads",
    [
        Text("firstName", 100, searchable: true),
        Text("lastName", 100, required: true, searchable: true),
        Text("title", 128),
        Text("company", 255, searchable: true),
        Emails(),
        Phones(),
        Address("address"),
        Pick("status", Picklists.LeadStatuses, defaultValue: "new"),
        Pick("source", Picklists.LeadSources),
        Of(FieldKind.Url, "website", max: 2048),
        Text("industry", 100),
        LongText("description"),
        new FieldDef { Name = "convertedAt", Kind = FieldKind.DateTime, Column = "converted_at", ReadOnly = true },
        new FieldDef { Name = "convertedAccountId", Kind = FieldKind.Reference, Target = "accounts", Column = "converted_account_id", ReadOnly = true },
        new FieldDef { Name = "convertedContactId", Kind = FieldKind.Reference, Target = "contacts", Column = "converted_contact_id", ReadOnly = true },
        new FieldDef { Name = "convertedOpportunityId", Kind = FieldKind.Reference, Target = "opportunities", Column = "converted_opportunity_id", ReadOnly = true },
    ]);

    public static readonly ObjectDef Opportunities = new("opportunities", "opportunity", "Opportunity", "opportunities",
    [
        Text("name", 255, required: true, searchable: true),
        Ref("accountId", "accounts"),
        Ref("contactId", "contacts"),
        Num(FieldKind.Money, "amount", min: 0),
        Of(FieldKind.CurrencyCode, "currency"),
        new FieldDef { Name = "stage", Kind = FieldKind.Picklist, Column = "stage", MaxLength = 64 },
        Num(FieldKind.Integer, "probability", min: 0, max: 100),
        Of(FieldKind.Date, "closeDate"),
        Arr("lineItems", "lineItem", LineFields(), maxItems: 500),
        LongText("description"),
    ]);

    public static readonly ObjectDef Activities = new("activities", "activity", "Activity", "activities",
    [
        Pick("type", Picklists.ActivityTypes, required: true),
        Text("subject", 255, required: true, searchable: true),
        LongText("body"),
        Pick("status", Picklists.ActivityStatuses, defaultValue: "planned"),
        Of(FieldKind.DateTime, "dueAt"),
        Of(FieldKind.DateTime, "startAt"),
        Of(FieldKind.DateTime, "endAt"),
        Pick("relatedObject", Picklists.RelatedObjects),
        new FieldDef { Name = "relatedId", Kind = FieldKind.Reference, Target = "@relatedObject", Column = "related_id" },
        Arr("participants", "participant",
        [
            Pick("object", ["contacts", "leads", "users"], column: false),
            new FieldDef { Name = "id", Kind = FieldKind.Reference, Target = "@object" },
            new FieldDef { Name = "email", Kind = FieldKind.Email, MaxLength = 254 },
            Text("name", 255, column: false),
            Pick("role", Picklists.ParticipantRoles, column: false),
        ], maxItems: 200),
    ]);

    public static readonly ObjectDef Cases = new("cases", "case", "Case", "cases",
    [
        Text("subject", 255, required: true, searchable: true),
        LongText("description"),
        Ref("accountId", "accounts"),
        Ref("contactId", "contacts"),
        Pick("status", Picklists.CaseStatuses, defaultValue: "new"),
        Pick("priority", Picklists.CasePriorities, defaultValue: "medium"),
        Pick("channel", Picklists.CaseChannels),
        Of(FieldKind.DateTime, "slaDueAt"),
        Of(FieldKind.DateTime, "closedAt"),
    ]);

    public static readonly ObjectDef Campaigns = new("campaigns", "campaign", "Campaign", "campaigns",
    [
        Text("name", 255, required: true, searchable: true),
        Pick("type", Picklists.CampaignTypes),
        Pick("status", Picklists.CampaignStatuses, defaultValue: "planned"),
        Of(FieldKind.Date, "startDate"),
        Of(FieldKind.Date, "endDate"),
        Num(FieldKind.Money, "budget", min: 0),
        Num(FieldKind.Money, "actualCost", min: 0),
        Of(FieldKind.CurrencyCode, "currency"),
        LongText("description"),
    ]);

    public static readonly ObjectDef Products = new("products", "product", "Product", "products",
    [
        Text("name", 255, required: true, searchable: true),
        new FieldDef { Name = "sku", Kind = FieldKind.Text, Column = "sku", MaxLength = 64, Required = true, Unique = true, Searchable = true },
        Num(FieldKind.Money, "price", min: 0),
        Of(FieldKind.CurrencyCode, "currency"),
        new FieldDef { Name = "active", Kind = FieldKind.Boolean, Column = "active", Default = System.Text.Json.Nodes.JsonValue.Create(true) },
        Text("family", 100),
        LongText("description"),
    ]);

    public static readonly ObjectDef Orders = new("orders", "order", "Order", "orders",
    [
        new FieldDef { Name = "number", Kind = FieldKind.Text, Column = "number", MaxLength = 64, Required = true, Unique = true, Searchable = true },
        Ref("accountId", "accounts"),
        Ref("contactId", "contacts"),
        Ref("opportunityId", "opportunities"),
        Pick("status", Picklists.OrderStatuses, defaultValue: "draft"),
        Of(FieldKind.DateTime, "orderedAt"),
        Of(FieldKind.CurrencyCode, "currency"),
        Arr("lines", "line", LineFields(), maxItems: 1000),
        new FieldDef { Name = "total", Kind = FieldKind.Money, Column = "total", ReadOnly = true },
        Address("shippingAddress"),
    ]);

    public static readonly IReadOnlyList<ObjectDef> All =
        [Accounts, Contacts, Leads, Opportunities, Activities, Cases, Campaigns, Products, Orders];

    private static readonly FrozenDictionary<string, ObjectDef> ByName = All.ToFrozenDictionary(o => o.Name);

    public static ObjectDef? Find(string name) => ByName.GetValueOrDefault(name);
}
