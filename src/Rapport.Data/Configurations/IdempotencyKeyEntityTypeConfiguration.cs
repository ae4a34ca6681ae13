using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Model;

namespace Rapport.Data.Configurations;

public sealed class IdempotencyKeyEntityTypeConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> b)
    {
        b.ToTable("idempotency_keys");
        b.HasKey(x => new { x.ClientId, x.Key }).HasName("pk_idempotency_keys");
        b.Property(x => x.ClientId).HasColumnName("client_id").ValueGeneratedNever();
        b.Property(x => x.Key).HasColumnName("key").ValueGeneratedNever();
        b.Property(x => x.RequestHash).HasColumnName("request_hash").IsRequired();
        b.Property(x => x.StatusCode).HasColumnName("status_code");
        b.Property(x => x.ContentType).HasColumnName("content_type");
        b.Property(x => x.Body).HasColumnName("body");
        b.Property(x => x.Location).HasColumnName("location");
        b.Property(x => x.ETag).HasColumnName("etag");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.HasIndex(x => x.CreatedAt).HasDatabaseName("ix_idempotency_keys_created_at");
    }
}
