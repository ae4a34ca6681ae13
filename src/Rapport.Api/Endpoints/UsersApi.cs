using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rapport.Api.Auth;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Data.Model;
using Rapport.Domain.Metadata;
using Rapport.Domain.Records;
using Rapport.Domain.Validation;

namespace Rapport.Api.Endpoints;

/// <summary>The people records are owned by: <c>/api/v1/users</c>. Reading needs crm.read, changing crm.admin.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/users").WithTags("Users").AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        api.MapGet("/", ListUsers).RequireAuthorization(Scopes.Read);
        api.MapGet("/{id}", GetUser).RequireAuthorization(Scopes.Read);
        api.MapPost("/", CreateUser).RequireAuthorization(Scopes.Admin);
        api.MapPatch("/{id}", UpdateUser).RequireAuthorization(Scopes.Admin);
        return app;
    }

    public static async Task<IResult> ListUsers(Database db, HttpContext ctx)
    {
        await using var context = db.Context();
        var users = await context.Users.AsNoTracking().OrderBy(u => u.Name).ToListAsync(ctx.RequestAborted);
        return new NodeResponse(new JsonObject { ["data"] = new JsonArray(users.Select(u => (JsonNode?)ToJson(u)).ToArray()), ["nextCursor"] = null }, 200, "users");
    }

    public static async Task<IResult> GetUser(string id, Database db, HttpContext ctx)
    {
        await using var context = db.Context();
        return new NodeResponse(ToJson(await FindAsync(context, id, ctx.RequestAborted)), 200, "user");
    }

    public static async Task<IResult> CreateUser(Database db, HttpContext ctx)
    {
        var body = await ReadAsync(ctx);
        var now = Timestamps.Now();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Name = JsonBody.Text(body, "name", required: true, max: 200)!,
            Email = Email(body, required: true)!,
            Role = JsonBody.Option(body, "role", Picklists.UserRoles, required: false) ?? "sales",
            Active = JsonBody.Bool(body, "active") ?? true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var context = db.Context();
        if (await context.Users.AnyAsync(u => u.Email == user.Email, ctx.RequestAborted)) throw ApiException.Conflict($"A user with email {user.Email} exists.", "email");
        context.Users.Add(user);
        await context.SaveChangesAsync(ctx.RequestAborted);
        ctx.Response.Headers.Location = $"/api/v1/users/{user.Id}";
        return new NodeResponse(ToJson(user), 201, "user");
    }

    public static async Task<IResult> UpdateUser(string id, Database db, HttpContext ctx)
    {
        var body = await ReadAsync(ctx);
        await using var context = db.Context();
        var user = await FindAsync(context, id, ctx.RequestAborted, tracked: true);
        user.Name = JsonBody.Text(body, "name", required: false, max: 200) is { Length: > 0 } name ? name : user.Name;
        if (Email(body, required: false) is { } email && email != user.Email)
        {
            if (await context.Users.AnyAsync(u => u.Email == email, ctx.RequestAborted)) throw ApiException.Conflict($"A user with email {email} exists.", "email");
            user.Email = email;
        }
        user.Role = JsonBody.Option(body, "role", Picklists.UserRoles, required: false) ?? user.Role;
        user.Active = JsonBody.Bool(body, "active") ?? user.Active;
        user.UpdatedAt = Timestamps.Now();
        await context.SaveChangesAsync(ctx.RequestAborted);
        return new NodeResponse(ToJson(user), 200, "user");
    }

    private static async Task<JsonObject> ReadAsync(HttpContext ctx)
    {
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        JsonBody.OnlyKnown(body, "name", "email", "role", "active", "id", "createdAt", "updatedAt");
        return body;
    }

    private static string? Email(JsonObject body, bool required)
    {
        var text = JsonBody.Text(body, "email", required, 254);
        if (text is null) return null;
        return FieldFormats.NormalizeEmail(text)?.ToLowerInvariant() ?? throw ApiException.BadRequest("email", "must be a valid email address");
    }

    private static async Task<User> FindAsync(Data.RapportDbContext context, string id, CancellationToken ct, bool tracked = false)
    {
        if (!Guid.TryParse(id, out var userId)) throw ApiException.NotFound($"No user with id '{id}'.");
        var query = tracked ? context.Users : context.Users.AsNoTracking();
        return await query.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw ApiException.NotFound($"No user with id {userId}.");
    }

    private static JsonObject ToJson(User u) => new()
    {
        ["id"] = u.Id.ToString(), ["name"] = u.Name, ["email"] = u.Email, ["role"] = u.Role, ["active"] = u.Active,
        ["createdAt"] = Timestamps.ToText(u.CreatedAt), ["updatedAt"] = Timestamps.ToText(u.UpdatedAt),
    };
}
