using System.Text.Json.Nodes;

namespace Rapport.Api.Demo;

// What later generators need to know about the records created before them.

internal sealed record DemoUser(Guid Id, string Name, string Email, string Role);

internal sealed record DemoProduct(Guid Id, string Sku, string Name, decimal Price, bool Active, int MinQuantity, int MaxQuantity);

internal sealed record DemoAccount(Guid Id, DemoCompany Company, DemoCountry Country, JsonObject Address, DemoUser Owner)
{
    public List<DemoContact> Contacts { get; } = [];
    public string ShortName => DemoNames.ShortName(Company.Name);
}

internal sealed record DemoContact(Guid Id, string FirstName, string LastName, string Email, DemoAccount Account, bool Consented)
{
    public string Name => $"{FirstName} {LastName}";
}

internal sealed record DemoLead(Guid Id, string FirstName, string LastName, string Email, DemoUser Owner);

internal sealed record DemoOpportunity(Guid Id, string Name, DemoAccount Account, DemoContact? Contact, string Stage, DateOnly CloseDate, JsonArray Lines);

internal sealed record DemoCase(Guid Id, string Subject, DemoAccount Account, DemoContact Contact, DateTime OpenedAt);

internal sealed record DemoCampaign(Guid Id, string Name, string Type, string Status, int Contacts, int Leads);
