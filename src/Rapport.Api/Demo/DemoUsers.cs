using Microsoft.EntityFrameworkCore;
using Rapport.Data.Model;

namespace Rapport.Api.Demo;

/// <summary>
/// The team: the seeded admin plus five users with fixed ids, owners of the demo records. Their names are
/// not in the name pools, so no contact or lead shares a name with a user.
/// </summary>
internal static class DemoUsers
{
    private static readonly (int N, string Name, string Email, string Role)[] Team =
    [
        (2, "Tobias Brandt", "tobias.brandt@rapport.local", "sales"),
        (3, "Hannah Whitfield", "hannah.whitfield@rapport.local", "sales"),
        (4, "Claire Vasseur", "claire.vasseur@rapport.local", "manager"),
        (5, "Marco Ferri", "marco.ferri@rapport.local", "support"),
        (6, "Sofia Lindberg", "sofia.lindberg@rapport.local", "marketing"),
    ];

    public static Guid IdOf(int n) => new($"00000000-0000-7000-8000-{n:D12}");

    /// <summary>Adds the users that are missing; a user already holding a demo id or email is used as it is.</summary>
    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        var admin = await seed.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == User.AdminId, ct);
        seed.Users.Add(new DemoUser(User.AdminId, admin?.Name ?? "Rapport Admin", admin?.Email ?? "admin@rapport.local", "admin"));
        var ids = Team.Select(t => IdOf(t.N)).ToList();
        var emails = Team.Select(t => t.Email).ToList();
        var existing = await seed.Db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) || emails.Contains(u.Email)).ToListAsync(ct);
        foreach (var (n, name, email, role) in Team)
        {
            var found = existing.FirstOrDefault(u => u.Id == IdOf(n)) ?? existing.FirstOrDefault(u => u.Email == email);
            if (found is null)
            {
                var joined = DemoSeed.Base.AddDays(-400 + 30 * n);
                found = new User { Id = IdOf(n), Name = name, Email = email, Role = role, Active = true, CreatedAt = joined, UpdatedAt = joined };
                seed.Db.Users.Add(found);
            }
            seed.Users.Add(new DemoUser(found.Id, found.Name, found.Email, role));
        }
        await seed.Db.SaveChangesAsync(ct);
    }
}
