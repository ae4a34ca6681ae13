using Microsoft.EntityFrameworkCore;
using Rapport.Api.Infrastructure;
using Rapport.Data.Model;
using Rapport.Domain.Records;

namespace Rapport.Api.Auth;

/// <summary>Registers API clients and checks their credentials; used by the CLI and the token endpoint.</summary>
public sealed class ClientService(Database database)
{
    public sealed record Created(string ClientId, string ClientSecret, IReadOnlyList<string> Scopes);

    public async Task<Created> CreateAsync(string name, IReadOnlyList<string> scopes, Guid? ownerId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100) throw new ArgumentException("--name must be 1 to 100 characters.");
        if (scopes.Count == 0) throw new ArgumentException($"--scopes must name at least one of: {string.Join(' ', Scopes.All)}.");
        var unknown = scopes.FirstOrDefault(s => !Scopes.IsKnown(s));
        if (unknown is not null) throw new ArgumentException($"Unknown scope '{unknown}'; use any of: {string.Join(' ', Scopes.All)}.");
        var secret = ClientSecrets.NewSecret();
        var client = new ApiClient
        {
            Id = Guid.CreateVersion7(),
            ClientId = ClientSecrets.NewClientId(),
            Name = name.Trim(),
            SecretHash = ClientSecrets.Hash(secret),
            Scopes = string.Join(' ', scopes.Distinct()),
            OwnerId = ownerId,
            CreatedAt = Timestamps.Now(),
        };
        await using var db = database.Context();
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        return new Created(client.ClientId, secret, scopes.Distinct().ToList());
    }

    /// <summary>The client if the id and secret match an active client; null otherwise (no hint which part was wrong).</summary>
    public async Task<ApiClient?> AuthenticateAsync(string clientId, string secret, CancellationToken ct)
    {
        if (clientId.Length is 0 or > 100 || secret.Length is 0 or > 200) return null;
        await using var db = database.Context();
        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (client is null || client.RevokedAt is not null) return null;
        return ClientSecrets.Verify(secret, client.SecretHash) ? client : null;
    }
}
