using System.Globalization;

namespace Rapport.Api.Postman;

/// <summary>Names of collection variables, derived from paths so <c>/contacts/{id}</c> reads <c>{{contactId}}</c>.</summary>
internal static class PostmanNames
{
    public static string Singular(string plural)
    {
        if (plural.EndsWith("ies", StringComparison.Ordinal)) return plural[..^3] + "y";
        if (plural.EndsWith("sses", StringComparison.Ordinal)) return plural[..^2];
        if (plural.EndsWith('s') && !plural.EndsWith("ss", StringComparison.Ordinal)) return plural[..^1];
        return plural;
    }

    /// <summary><c>rotate-secret</c> to <c>rotateSecret</c>, <c>Contacts</c> to <c>contacts</c>.</summary>
    public static string Camel(string name)
    {
        var parts = name.Split(['-', '_', ' ', '.'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return name;
        return char.ToLower(parts[0][0], CultureInfo.InvariantCulture) + parts[0][1..] + string.Concat(parts.Skip(1).Select(Pascal));
    }

    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];

    /// <summary>
    /// The variable that holds path parameter <paramref name="parameter"/> of <paramref name="prefix"/>
    /// (the path up to it): <c>id</c> after <c>contacts</c> is <c>contactId</c>, a parameter already named
    /// <c>…Id</c> keeps its name, any other is prefixed with its resource (<c>fieldName</c>).
    /// </summary>
    public static string Variable(string prefix, string parameter)
    {
        if (parameter != "id" && parameter.EndsWith("Id", StringComparison.Ordinal)) return parameter;
        var resource = prefix.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(s => !IsParameter(s)) ?? "record";
        var owner = Camel(Singular(resource));
        return parameter == "id" ? owner + "Id" : owner + Pascal(parameter);
    }

    public static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    public static string ParameterName(string segment) => segment[1..^1];
}
