using System.Security.Claims;
using Rapport.Api.Infrastructure;

namespace Rapport.Api.Http;

public static class HttpActor
{
    public static Actor From(ClaimsPrincipal user)
    {
        var clientId = user.FindFirst("client_id")?.Value ?? "anonymous";
        var scopes = user.FindAll("scope").Select(c => c.Value).ToHashSet();
        var userId = Guid.TryParse(user.FindFirst("rapport_user")?.Value, out var u) ? u : (Guid?)null;
        return new Actor(clientId, userId, scopes);
    }
}
