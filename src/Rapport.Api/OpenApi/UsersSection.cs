using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Domain.Metadata;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>The people records are owned by (<c>ownerId</c>): <c>/api/v1/users</c>. Reading needs crm.read, changing crm.admin.</summary>
internal static class UsersSection
{
    public static void AddSchemas(ComponentSchemas components)
    {
        components.Add("User", Object(Properties(), ["id", "name", "email", "role", "active", "createdAt", "updatedAt"], "A user."));

        var input = Object(Properties(), ["name", "email"], "A new user. Read-only fields are ignored.");
        components.Add("UserInput", input);

        components.Add("UserPatch", Object(Properties(), description: "The fields to change."));

        components.Add("UserList", Object(new JsonObject
        {
            ["data"] = ArrayOf(SchemaRef("User")),
            ["nextCursor"] = Nullable(String("Always null: every user is in one page.")),
        }, ["data"], "Every user, by name."));
    }

    public static void AddPaths(JsonObject paths)
    {
        var user = Content(SchemaRef("User"), MediaTypes.Negotiated);
        var id = SharedParameters.Path("id", String(format: "uuid"), "The user's id.");
        new OperationBuilder("listUsers", Tags.Users, "List users")
            .Scope(Scopes.Read)
            .Response(200, "Every user, by name.", Content(SchemaRef("UserList"), MediaTypes.Negotiated))
            .Problems(406)
            .AddTo(paths, "/api/v1/users", "get");
        new OperationBuilder("createUser", Tags.Users, "Create a user")
            .Scope(Scopes.Admin)
            .Body(Content(SchemaRef("UserInput"), MediaTypes.Negotiated), "The new user.")
            .Response(201, "Created.", user, SharedHeaders.Of(SharedHeaders.Location))
            .Problems(400, 406, 409, 413, 415)
            .AddTo(paths, "/api/v1/users", "post");
        new OperationBuilder("getUser", Tags.Users, "Get a user")
            .Scope(Scopes.Read)
            .Parameter(id)
            .Response(200, "The user.", user)
            .Problems(404, 406)
            .AddTo(paths, "/api/v1/users/{id}", "get");
        new OperationBuilder("updateUser", Tags.Users, "Change a user")
            .Describe("Only the fields sent change. Deactivate a user (`active: false`) rather than removing them: records keep their owner.")
            .Scope(Scopes.Admin)
            .Parameter(id)
            .Body(Content(SchemaRef("UserPatch"), MediaTypes.Patch), "The fields to change.")
            .Response(200, "The user after the change.", user)
            .Problems(400, 404, 406, 409, 413, 415)
            .AddTo(paths, "/api/v1/users/{id}", "patch");
    }

    private static JsonObject Properties() => new()
    {
        ["id"] = ReadOnly(String(format: "uuid")),
        ["name"] = new JsonObject { ["type"] = "string", ["maxLength"] = 200 },
        ["email"] = new JsonObject { ["type"] = "string", ["format"] = "email", ["maxLength"] = 254, ["description"] = "Unique among users; stored in lower case." },
        ["role"] = With(Enum(Picklists.UserRoles), "default", "sales"),
        ["active"] = With(Boolean("Inactive users keep their records but cannot be given new ones."), "default", true),
        ["createdAt"] = ReadOnly(String(format: "date-time")),
        ["updatedAt"] = ReadOnly(String(format: "date-time")),
    };
}
