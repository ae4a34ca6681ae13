using System.Text;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;
using Rapport.Domain.Validation;

namespace Rapport.UnitTests.Querying;

internal static class QueryTestHelpers
{
    public static readonly byte[] Key = Encoding.UTF8.GetBytes("unit-test-cursor-key-0123456789abcdef");

    public static readonly CursorCodec Codec = new(Key);

    public static readonly ObjectSchema Contacts = new(StandardObjects.Contacts,
    [
        CustomFieldTypes.ToField("tier", "Tier", "picklist", false, false, ["gold", "silver"], null, null),
        CustomFieldTypes.ToField("score", "Score", "number", false, false, null, null, null),
        CustomFieldTypes.ToField("ratio", "Ratio", "decimal", false, false, null, null, null),
        CustomFieldTypes.ToField("vip", "VIP", "boolean", false, false, null, null, null),
        CustomFieldTypes.ToField("renewal", "Renewal", "date", false, false, null, null, null),
        CustomFieldTypes.ToField("seen", "Seen", "datetime", false, false, null, null, null),
        CustomFieldTypes.ToField("interests", "Interests", "multipicklist", false, false, ["golf", "sailing"], null, null),
        CustomFieldTypes.ToField("partner", "Partner", "lookup", false, false, ["accounts"], null, null),
    ]);

    public static readonly ObjectSchema Accounts = new(StandardObjects.Accounts, []);

    public static ObjectSchema Schema(string name) => name switch
    {
        "contacts" => Contacts,
        "accounts" => Accounts,
        _ => new ObjectSchema(StandardObjects.Find(name)!, []),
    };

    /// <summary>Splits an already-decoded query string (<c>a=1&amp;b=2</c>) into parameters, in order.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Query(string query) =>
        query.Length == 0
            ? []
            : query.Split('&').Select(part =>
            {
                var eq = part.IndexOf('=');
                return eq < 0 ? KeyValuePair.Create(part, "") : KeyValuePair.Create(part[..eq], part[(eq + 1)..]);
            }).ToList();

    public static ListQuery Parse(ObjectSchema schema, string query, CursorCodec? codec = null) =>
        ListQueryParser.Parse(schema, Query(query), codec ?? Codec);

    public static ListQuery Parse(ObjectSchema schema, params (string Key, string Value)[] parameters) =>
        ListQueryParser.Parse(schema, parameters.Select(p => KeyValuePair.Create(p.Key, p.Value)), Codec);

    public static IReadOnlyDictionary<string, string[]> Errors(ObjectSchema schema, string query) =>
        Assert.Throws<ValidationException>(() => Parse(schema, query)).Errors;

    public static IReadOnlyDictionary<string, string[]> Errors(ObjectSchema schema, params (string Key, string Value)[] parameters) =>
        Assert.Throws<ValidationException>(() => Parse(schema, parameters)).Errors;
}
