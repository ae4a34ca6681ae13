using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Model;

namespace Rapport.Data.Configurations;

public sealed class ApiClientEntityTypeConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.ToTable("api_clients");
        b.HasKey(x => x.Id).HasName("pk_api_clients");
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(x => x.ClientId).HasColumnName("client_id").IsRequired();
        b.Property(x => x.Name).HasColumnName("name").IsRequired();
        b.Property(x => x.SecretHash).HasColumnName("secret_hash").IsRequired();
        b.Property(x => x.Scopes).HasColumnName("scopes").IsRequired();
        b.Property(x => x.OwnerId).HasColumnName("owner_id");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.LastUsedAt).HasColumnName("last_used_at");
        b.Property(x => x.RevokedAt).HasColumnName("revoked_at");
        b.HasIndex(x => x.ClientId).IsUnique().HasDatabaseName("ux_api_clients_client_id");
    }
}
