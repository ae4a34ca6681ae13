using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Model;

namespace Rapport.Data.Configurations;

public sealed class SigningKeyEntityTypeConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> b)
    {
        b.ToTable("signing_keys");
        b.HasKey(x => x.Id).HasName("pk_signing_keys");
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(x => x.Kid).HasColumnName("kid").IsRequired();
        b.Property(x => x.Algorithm).HasColumnName("algorithm").IsRequired();
        b.Property(x => x.PrivateKey).HasColumnName("private_key").IsRequired();
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.RetiredAt).HasColumnName("retired_at");
        b.HasIndex(x => x.Kid).IsUnique().HasDatabaseName("ux_signing_keys_kid");
    }
}
