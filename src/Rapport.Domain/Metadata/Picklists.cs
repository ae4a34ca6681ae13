namespace Rapport.Domain.Metadata;

/// <summary>The value sets of the standard picklists. Opportunity stages come from the pipeline instead.</summary>
public static class Picklists
{
    public static readonly string[] LifecycleStages =
        ["subscriber", "lead", "marketingQualifiedLead", "salesQualifiedLead", "opportunity", "customer", "evangelist", "other"];
    public static readonly string[] LeadStatuses = ["new", "working", "nurturing", "qualified", "unqualified", "converted"];
    public static readonly string[] LeadSources =
        ["web", "referral", "event", "partner", "advertising", "coldCall", "email", "socialMedia", "import", "other"];
    public static readonly string[] ConsentStatuses = ["unknown", "granted", "denied", "withdrawn"];
    public static readonly string[] ConsentMethods = ["webForm", "email", "phone", "inPerson", "paper", "import", "api", "other"];
    public static readonly string[] EmailTypes = ["work", "home", "other"];
    public static readonly string[] PhoneTypes = ["work", "mobile", "home", "fax", "other"];
    public static readonly string[] ActivityTypes = ["task", "call", "meeting", "note", "email"];
    public static readonly string[] ActivityStatuses = ["planned", "inProgress", "completed", "cancelled"];
    public static readonly string[] ParticipantRoles = ["organizer", "required", "optional", "from", "to", "cc"];
    public static readonly string[] CaseStatuses = ["new", "open", "pending", "onHold", "resolved", "closed"];
    public static readonly string[] CasePriorities = ["low", "medium", "high", "urgent"];
    public static readonly string[] CaseChannels = ["email", "phone", "web", "chat", "social", "inPerson"];
    public static readonly string[] CampaignTypes = ["email", "event", "webinar", "advertising", "socialMedia", "directMail", "other"];
    public static readonly string[] CampaignStatuses = ["planned", "active", "completed", "aborted"];
    public static readonly string[] MemberStatuses = ["targeted", "sent", "opened", "responded", "registered", "attended", "unsubscribed", "bounced"];
    public static readonly string[] OrderStatuses = ["draft", "confirmed", "fulfilled", "invoiced", "cancelled"];
    public static readonly string[] UserRoles = ["admin", "manager", "sales", "support", "marketing", "readonly"];
    public static readonly string[] RelatedObjects = ["accounts", "contacts", "leads", "opportunities", "cases", "campaigns", "orders"];
}
