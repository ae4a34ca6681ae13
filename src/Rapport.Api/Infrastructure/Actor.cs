namespace Rapport.Api.Infrastructure;

/// <summary>Who is acting: the API client and, when the client belongs to one, its user (the default owner of what it creates).</summary>
public sealed record Actor(string ClientId, Guid? UserId, IReadOnlySet<string> Scopes)
{
    public static readonly Guid DefaultOwner = Guid.Parse("00000000-0000-7000-8000-000000000001");

    public static readonly Actor System = new("system", null, new HashSet<string> { "crm.read", "crm.write", "crm.admin", "crm.bulk" });

    public Guid Owner => UserId ?? DefaultOwner;
}
