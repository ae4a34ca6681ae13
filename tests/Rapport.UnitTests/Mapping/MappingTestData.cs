using Rapport.Domain.Metadata;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Mapping;

/// <summary>Schemas with custom fields of several kinds, and shortcuts for building source rows.</summary>
internal static class MappingTestData
{
    public static ObjectSchema Contacts() => new(StandardObjects.Contacts,
    [
        CustomFieldTypes.ToField("tier", "Tier", "picklist", false, false, ["gold", "silver"], null, null),
        CustomFieldTypes.ToField("score", "Score", "number", false, false, null, null, null),
        CustomFieldTypes.ToField("ratio", "Ratio", "decimal", false, false, null, null, null),
        CustomFieldTypes.ToField("revenue", "Revenue", "currency", false, false, null, null, null),
        CustomFieldTypes.ToField("vip", "VIP", "boolean", false, false, null, null, null),
        CustomFieldTypes.ToField("since", "Kunde seit", "date", false, false, null, null, null),
        CustomFieldTypes.ToField("lastSeen", "Last seen", "datetime", false, false, null, null, null),
        CustomFieldTypes.ToField("interests", "Interests", "multipicklist", false, false, ["golf", "sailing", "chess"], null, null),
        CustomFieldTypes.ToField("origin", "Origin", "text", false, false, null, null, null),
    ]);

    public static ObjectSchema Schema(ObjectDef def) => new(def, []);

    public static SourceRow Row(IReadOnlyList<string> columns, params string?[] values) =>
        new() { Line = 2, Columns = columns, Values = values };
}
