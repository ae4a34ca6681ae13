using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Model;

namespace Rapport.Data.Configurations;

public sealed class ExternalIdMappingEntityTypeConfiguration : IEntityTypeConfiguration<ExternalIdMapping>
{
    public void Configure(EntityTypeBuilder<ExternalIdMapping> b)
    {
        b.ToTable("external_ids");
        b.HasKey(x => new { x.Object, x.System, x.ExternalId }).HasName("pk_external_ids");
        b.Property(x => x.Object).HasColumnName("object").ValueGeneratedNever();
        b.Property(x => x.System).HasColumnName("system").ValueGeneratedNever();
        b.Property(x => x.ExternalId).HasColumnName("external_id").ValueGeneratedNever();
        b.Property(x => x.RecordId).HasColumnName("record_id");
        b.HasIndex(x => new { x.Object, x.RecordId }).HasDatabaseName("ix_external_ids_object_record_id");
    }
}
