using System.Text.Json.Nodes;

namespace Rapport.Domain.Normalisation;

/// <summary>
/// An object's normalisation configuration: the default region for phone numbers and postcodes of
/// records without a country, and per-field overrides of the default rules (a rule name, or
/// <c>none</c> to leave a field as written). Field paths: <c>firstName</c>, <c>address.postalCode</c>,
/// <c>emails.address</c>, <c>custom.vatId</c>.
/// </summary>
public sealed record NormalisationSettings(string? DefaultRegion, IReadOnlyDictionary<string, string> Rules)
{
    public const string None = "none";

    public static readonly NormalisationSettings Default = new(null, new Dictionary<string, string>());

    public static readonly IReadOnlyDictionary<string, NormalisationRule> RuleNames = new Dictionary<string, NormalisationRule>(StringComparer.Ordinal)
    {
        ["email"] = NormalisationRule.Email, ["phone"] = NormalisationRule.Phone, ["personName"] = NormalisationRule.PersonName,
        ["country"] = NormalisationRule.Country, ["website"] = NormalisationRule.Website, ["domain"] = NormalisationRule.Domain,
        ["postcode"] = NormalisationRule.Postcode, ["whitespace"] = NormalisationRule.Whitespace,
    };

    public static string NameOf(NormalisationRule rule) => RuleNames.First(p => p.Value == rule).Key;

    public JsonObject ToJson() => new()
    {
        ["defaultRegion"] = DefaultRegion,
        ["rules"] = new JsonObject(Rules.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
    };
}
