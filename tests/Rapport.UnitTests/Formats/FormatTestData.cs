using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;

namespace Rapport.UnitTests.Formats;

/// <summary>A contacts schema with one custom field of each interesting kind, and a hand-built record in the JSON form.</summary>
internal static class FormatTestData
{
    public static ObjectSchema ContactSchema() => new(StandardObjects.Contacts,
    [
        CustomFieldTypes.ToField("tier", "Tier", "picklist", false, false, ["gold", "silver"], null, null),
        CustomFieldTypes.ToField("score", "Score", "number", false, false, null, null, null),
        CustomFieldTypes.ToField("vip", "VIP", "boolean", false, false, null, null, null),
        CustomFieldTypes.ToField("renewal", "Renewal", "date", false, false, null, null, null),
        CustomFieldTypes.ToField("interests", "Interests", "multipicklist", false, false, ["golf", "sailing"], null, null),
    ]);

    public static JsonObject Contact() => JsonNode.Parse("""
        {
          "id": "3f2b8c1e-4a5d-4e6f-9a0b-1c2d3e4f5a6b",
          "firstName": "Ada",
          "lastName": "Lovelace",
          "title": null,
          "emails": [
            { "address": "ada@example.com", "type": "work", "primary": false },
            { "address": "ada@home.example", "type": "home", "primary": true }
          ],
          "phones": [],
          "accountId": null,
          "address": { "street": "12 St James's Square", "line2": null, "city": "London", "postalCode": "SW1Y 4JH", "region": null, "country": "GB" },
          "lifecycleStage": "customer",
          "marketingConsent": null,
          "birthDate": "1815-12-10",
          "description": "Line one\r\nLine two, with \"quotes\" & <tags>",
          "ownerId": "0b6c9a4e-7d1f-4c2a-8e3b-5f6a7b8c9d0e",
          "externalIds": { "erp": "123", "sap.crm": "X-9" },
          "custom": { "tier": "gold", "score": 42, "vip": true, "renewal": "2026-01-31", "interests": ["golf", "sailing"] },
          "createdAt": "2026-01-02T03:04:05.000000Z",
          "updatedAt": "2026-01-03T03:04:05.000000Z",
          "version": 3
        }
        """)!.AsObject();
}
