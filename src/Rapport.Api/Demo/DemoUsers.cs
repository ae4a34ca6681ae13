using Microsoft.EntityFrameworkCore;
using Rapport.Data.Model;

namespace Rapport.Api.Demo;

/// <summary>The team: the seeded admin plus five users with fixed ids, owners of the demo records.</summary>
internal static class DemoUsers
{
    private static readonly (int N, string Name, string Email, string Role)[] Team =
    [
        (2, "Jonas Weber", "jonas.weber@rapport.local", "sales"),
        (3, "Emily Clarke", "emily.clarke@rapport.local", "sales"),
        (4, "Claire Dubois", "claire.dubois@rapport.local", "manager"),
        (5, "Marco Rossi", "marco.rossi@rapport.local", "support"),
        (6, "Sofia Lindberg", "sofia.lindberg@rapport.local", "marketing"),
    ];

    public static Guid IdOf(int n) => new($"00000000-0000-7000-8000-{n:D12}");

    /// <summary>Adds the users that are missing (a user with the same id is kept as it is).</summary>
    public static async Task AddAsync(DemoSeed seed, CancellationToken ct)
    {
        var admin = await seed.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == User.AdminId, ct);
        seed.Users.Add(new DemoUser(User.AdminId, admin?.Name ?? "Rapport Admin", admin?.Email ?? "admin@rapport.local", "admin"));
        var ids = Team.Select(t => IdOf(t.N)).ToList();
        var existing = await seed.Db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        foreach (var (n, name, email, role) in Team)
        {
            var id = IdOf(n);
            var found = existing.FirstOrDefault(u => u.Id == id);
            if (found is null)
            {
                var joined = DemoSeed.Base.AddDays(-400 + 30 * n);
                seed.Db.Users.Add(new User { Id = id, Name = name, Email = email, Role = role, Active = true, CreatedAt = joined, UpdatedAt = joined });
            }
            seed.Users.Add(new DemoUser(id, found?.Name ?? name, found?.Email ?? email, role));
        }
        await seed.Db.SaveChangesAsync(ct);
    }
}
