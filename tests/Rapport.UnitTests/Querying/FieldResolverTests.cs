using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;
using static Rapport.UnitTests.Querying.QueryTestHelpers;

namespace Rapport.UnitTests.Querying;

public class FieldResolverTests
{
    [Theory]
    [InlineData("contacts", "id", FieldKind.Reference, FieldLocation.Column, "id", "")]
    [InlineData("contacts", "createdAt", FieldKind.DateTime, FieldLocation.Column, "created_at", "")]
    [InlineData("contacts", "updatedAt", FieldKind.DateTime, FieldLocation.Column, "updated_at", "")]
    [InlineData("contacts", "version", FieldKind.Integer, FieldLocation.Column, "version", "")]
    [InlineData("contacts", "ownerId", FieldKind.Reference, FieldLocation.Column, "owner_id", "")]
    [InlineData("contacts", "lastName", FieldKind.Text, FieldLocation.Column, "last_name", "")]
    [InlineData("contacts", "lifecycleStage", FieldKind.Picklist, FieldLocation.Column, "lifecycle_stage", "")]
    [InlineData("contacts", "accountId", FieldKind.Reference, FieldLocation.Column, "account_id", "")]
    [InlineData("contacts", "birthDate", FieldKind.Date, FieldLocation.Column, "birth_date", "")]
    [InlineData("contacts", "email", FieldKind.Email, FieldLocation.Column, "email", "")]
    [InlineData("contacts", "phone", FieldKind.Phone, FieldLocation.Column, "phone", "")]
    [InlineData("leads", "email", FieldKind.Email, FieldLocation.Column, "email", "")]
    [InlineData("contacts", "address.city", FieldKind.Text, FieldLocation.Json, "address", "city")]
    [InlineData("contacts", "address.country", FieldKind.CountryCode, FieldLocation.Json, "address", "country")]
    [InlineData("contacts", "marketingConsent.at", FieldKind.DateTime, FieldLocation.Json, "marketing_consent", "at")]
    [InlineData("contacts", "custom.tier", FieldKind.Picklist, FieldLocation.Json, "custom", "tier")]
    [InlineData("contacts", "custom.score", FieldKind.Integer, FieldLocation.Json, "custom", "score")]
    [InlineData("contacts", "custom.partner", FieldKind.Reference, FieldLocation.Json, "custom", "partner")]
    [InlineData("contacts", "externalIds.erp", FieldKind.Text, FieldLocation.ExternalId, "external_ids", "erp")]
    [InlineData("contacts", "externalIds.hub.spot", FieldKind.Text, FieldLocation.ExternalId, "external_ids", "hub.spot")]
    [InlineData("accounts", "billingAddress.city", FieldKind.Text, FieldLocation.Json, "billing_address", "city")]
    [InlineData("accounts", "shippingAddress.postalCode", FieldKind.Text, FieldLocation.Json, "shipping_address", "postalCode")]
    [InlineData("accounts", "phone", FieldKind.Phone, FieldLocation.Column, "phone", "")]
    [InlineData("accounts", "annualRevenue", FieldKind.Money, FieldLocation.Column, "annual_revenue", "")]
    [InlineData("accounts", "parentAccountId", FieldKind.Reference, FieldLocation.Column, "parent_account_id", "")]
    [InlineData("opportunities", "closeDate", FieldKind.Date, FieldLocation.Column, "close_date", "")]
    [InlineData("orders", "total", FieldKind.Money, FieldLocation.Column, "total", "")]
    public void Resolve_KnownPath_GivesKindAndStorage(string objectName, string path, FieldKind kind, FieldLocation location, string column, string jsonPath)
    {
        var field = FieldResolver.Resolve(Schema(objectName), path);
        Assert.NotNull(field);
        Assert.Equal(path, field.Path);
        Assert.Equal(kind, field.Kind);
        Assert.Equal(location, field.Location);
        Assert.Equal(column, field.Column);
        Assert.Equal(jsonPath, string.Join('.', field.JsonPath));
    }

    [Theory]
    [InlineData("contacts", "")]
    [InlineData("contacts", "nickname")]
    [InlineData("contacts", "LastName")]
    [InlineData("contacts", "emails")]
    [InlineData("contacts", "phones")]
    [InlineData("contacts", "address")]
    [InlineData("contacts", "address.planet")]
    [InlineData("contacts", "address.city.name")]
    [InlineData("contacts", "lastName.initial")]
    [InlineData("contacts", "emails.address")]
    [InlineData("contacts", "email.address")]
    [InlineData("contacts", "custom")]
    [InlineData("contacts", "custom.nope")]
    [InlineData("contacts", "custom.interests")]
    [InlineData("contacts", "externalIds")]
    [InlineData("contacts", "externalIds.1erp")]
    [InlineData("contacts", "externalIds.erp system")]
    [InlineData("accounts", "email")]
    [InlineData("accounts", "custom.tier")]
    [InlineData("accounts", "billingAddress")]
    public void Resolve_UnknownOrNonScalarPath_ReturnsNull(string objectName, string path) =>
        Assert.Null(FieldResolver.Resolve(Schema(objectName), path));

    [Theory]
    [InlineData("version", true)]
    [InlineData("custom.score", true)]
    [InlineData("custom.ratio", true)]
    [InlineData("lastName", false)]
    [InlineData("createdAt", false)]
    [InlineData("custom.tier", false)]
    public void Resolve_Field_IsNumericOnlyForNumberKinds(string path, bool expected) =>
        Assert.Equal(expected, FieldResolver.Resolve(Contacts, path)!.IsNumeric);
}
