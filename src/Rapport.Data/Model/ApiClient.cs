namespace Rapport.Data.Model;

/// <summary>An OAuth client-credentials client (table <c>api_clients</c>).</summary>
public sealed class ApiClient
{
    public Guid Id { get; set; }
    public string ClientId { get; set; } = "";
    public string Name { get; set; } = "";
    public string SecretHash { get; set; } = "";

    /// <summary>Granted scopes, space-separated.</summary>
    public string Scopes { get; set; } = "";

    public Guid? OwnerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
