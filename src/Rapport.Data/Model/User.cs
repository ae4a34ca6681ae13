namespace Rapport.Data.Model;

/// <summary>A person who uses Rapport (table <c>users</c>); owners of records point here.</summary>
public sealed class User
{
    /// <summary>The seeded administrator, default owner of records.</summary>
    public static readonly Guid AdminId = new("00000000-0000-7000-8000-000000000001");

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Role { get; set; } = "";
    public bool Active { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
