using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Model;

namespace Rapport.Data.Configurations;

public sealed class CampaignMemberEntityTypeConfiguration : IEntityTypeConfiguration<CampaignMember>
{
    public void Configure(EntityTypeBuilder<CampaignMember> b)
    {
        b.ToTable("campaign_members");
        b.HasKey(x => x.Id).HasName("pk_campaign_members");
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(x => x.CampaignId).HasColumnName("campaign_id");
        b.Property(x => x.MemberObject).HasColumnName("member_object").IsRequired();
        b.Property(x => x.MemberId).HasColumnName("member_id");
        b.Property(x => x.Status).HasColumnName("status").IsRequired();
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        b.HasIndex(x => new { x.CampaignId, x.MemberObject, x.MemberId }).IsUnique()
            .HasDatabaseName("ux_campaign_members_campaign_id_member_object_member_id");
        b.HasIndex(x => new { x.MemberObject, x.MemberId }).HasDatabaseName("ix_campaign_members_member_object_member_id");
    }
}
