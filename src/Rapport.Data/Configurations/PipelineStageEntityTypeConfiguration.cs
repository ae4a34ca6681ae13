using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Model;

namespace Rapport.Data.Configurations;

public sealed class PipelineStageEntityTypeConfiguration : IEntityTypeConfiguration<PipelineStage>
{
    public void Configure(EntityTypeBuilder<PipelineStage> b)
    {
        b.ToTable("pipeline_stages");
        b.HasKey(x => x.Name).HasName("pk_pipeline_stages");
        b.Property(x => x.Name).HasColumnName("name").ValueGeneratedNever();
        b.Property(x => x.Label).HasColumnName("label").IsRequired();
        b.Property(x => x.Probability).HasColumnName("probability");
        b.Property(x => x.Position).HasColumnName("position");
        b.Property(x => x.IsClosed).HasColumnName("is_closed");
        b.Property(x => x.IsWon).HasColumnName("is_won");
    }
}
