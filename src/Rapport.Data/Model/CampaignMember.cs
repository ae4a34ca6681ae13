namespace Rapport.Data.Model;

/// <summary>A contact or lead taking part in a campaign (table <c>campaign_members</c>).</summary>
public sealed class CampaignMember
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }

    /// <summary><c>contacts</c> or <c>leads</c>.</summary>
    public string MemberObject { get; set; } = "";

    public Guid MemberId { get; set; }
    public string Status { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
