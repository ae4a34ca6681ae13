using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Model;

namespace Rapport.IntegrationTests.Schema;

/// <summary>Checks on the EF-mapped system tables shared by the SQLite and PostgreSQL schema tests.</summary>
public static class SystemTablesAssertions
{
    public static async Task SeedsExistAsync(DatabaseTarget target)
    {
        await using var db = RapportDbContext.Create(target);
        var admin = await db.Users.SingleAsync(u => u.Id == User.AdminId);
        Assert.Equal("Rapport Admin", admin.Name);
        Assert.Equal("admin@rapport.local", admin.Email);
        Assert.Equal("admin", admin.Role);
        Assert.True(admin.Active);
        Assert.Equal(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc), admin.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, admin.CreatedAt.Kind);

        var stages = await db.PipelineStages.OrderBy(s => s.Position).ToListAsync();
        Assert.Equal(["prospecting", "qualification", "proposal", "negotiation", "closedWon", "closedLost"],
            stages.Select(s => s.Name));
        Assert.Equal([10, 20, 50, 75, 100, 0], stages.Select(s => s.Probability));
        Assert.True(stages[4].IsClosed && stages[4].IsWon);
        Assert.True(stages[5].IsClosed && !stages[5].IsWon);
        Assert.All(stages.Take(4), s => Assert.False(s.IsClosed));
    }

    /// <summary>Every column of the EF model: (table, column) → (store type, nullable).</summary>
    public static Dictionary<(string Table, string Column), (string Type, bool Nullable)> ModelColumns(DatabaseTarget target)
    {
        using var db = RapportDbContext.Create(target);
        return db.Model.GetRelationalModel().Tables
            .SelectMany(t => t.Columns.Select(c => (Key: (t.Name, c.Name), Value: (c.StoreType, c.IsNullable))))
            .ToDictionary(x => x.Key, x => x.Value);
    }

    /// <summary>Writes one row to every system table through EF and reads it back.</summary>
    public static async Task RoundTripAsync(DatabaseTarget target)
    {
        var now = new DateTime(2026, 11, 22, 10, 30, 15, DateTimeKind.Utc).AddTicks(1230);
        var id = Guid.NewGuid();
        await using (var db = RapportDbContext.Create(target))
        {
            db.ApiClients.Add(new ApiClient { Id = id, ClientId = "c1", Name = "n", SecretHash = "h", Scopes = "a b", OwnerId = User.AdminId, CreatedAt = now, LastUsedAt = now });
            db.SigningKeys.Add(new SigningKey { Id = id, Kid = "k1", Algorithm = "ES256", PrivateKey = "pem", CreatedAt = now });
            db.Settings.Add(new Setting { Key = "k", Value = "v" });
            db.CustomFields.Add(new CustomField { Object = "contacts", Name = "x", Label = "X", Type = "picklist", Options = """["a","b"]""", DefaultValue = "\"a\"", CreatedAt = now, UpdatedAt = now });
            db.IdempotencyKeys.Add(new IdempotencyKey { ClientId = "c1", Key = "k", RequestHash = "r", StatusCode = 201, ETag = "\"1\"", CreatedAt = now });
            db.ExternalIds.Add(new ExternalIdMapping { Object = "contacts", System = "erp", ExternalId = "E1", RecordId = id });
            db.CampaignMembers.Add(new CampaignMember { Id = id, CampaignId = id, MemberObject = "contacts", MemberId = id, Status = "sent", CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        await using (var db = RapportDbContext.Create(target))
        {
            var client = await db.ApiClients.SingleAsync(c => c.ClientId == "c1");
            Assert.Equal((id, User.AdminId, now, (DateTime?)now, (DateTime?)null), (client.Id, client.OwnerId, client.CreatedAt, client.LastUsedAt, client.RevokedAt));
            Assert.Equal(DateTimeKind.Utc, client.LastUsedAt!.Value.Kind);
            Assert.Equal("k1", (await db.SigningKeys.SingleAsync(k => k.Id == id)).Kid);
            Assert.Equal("v", (await db.Settings.SingleAsync(s => s.Key == "k")).Value);
            var field = await db.CustomFields.SingleAsync(f => f.Object == "contacts" && f.Name == "x");
            Assert.Equal("\"a\"", field.DefaultValue);
            Assert.Equal(201, (await db.IdempotencyKeys.SingleAsync(k => k.ClientId == "c1" && k.Key == "k")).StatusCode);
            Assert.Equal(id, (await db.ExternalIds.SingleAsync(e => e.Object == "contacts" && e.RecordId == id)).RecordId);
            Assert.Equal(now, (await db.CampaignMembers.SingleAsync(m => m.MemberId == id)).UpdatedAt);
            Assert.Equal(1, await db.IdempotencyKeys.CountAsync(k => k.CreatedAt < now.AddSeconds(1) && k.CreatedAt > now.AddSeconds(-1)));
        }
    }
}
