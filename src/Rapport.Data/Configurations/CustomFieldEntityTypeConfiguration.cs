using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Model;

namespace Rapport.Data.Configurations;

public sealed class CustomFieldEntityTypeConfiguration : IEntityTypeConfiguration<CustomField>
{
    public void Configure(EntityTypeBuilder<CustomField> b)
    {
        b.ToTable("custom_fields");
        b.HasKey(x => new { x.Object, x.Name }).HasName("pk_custom_fields");
        b.Property(x => x.Object).HasColumnName("object").ValueGeneratedNever();
        b.Property(x => x.Name).HasColumnName("name").ValueGeneratedNever();
        b.Property(x => x.Label).HasColumnName("label").IsRequired();
        b.Property(x => x.Type).HasColumnName("type").IsRequired();
        b.Property(x => x.Required).HasColumnName("required");
        b.Property(x => x.IsUnique).HasColumnName("is_unique");
        b.Property(x => x.Options).HasColumnName("options").IsJson();
        b.Property(x => x.Pattern).HasColumnName("pattern");
        b.Property(x => x.DefaultValue).HasColumnName("default_value").IsJson();
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
    }
}
