using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Rapport.Api.Demo;

/// <summary>A city with a real postal code and dialling area (the area code without the trunk 0, except in Italy).</summary>
internal sealed record DemoCity(string Name, string PostalCode, string AreaCode, int Digits, string? Region = null);

/// <summary>What makes names, addresses and phone numbers of one country look right.</summary>
internal sealed record DemoCountry(
    string Code,
    string Currency,
    string CallingCode,
    string MobilePrefix,
    int MobileDigits,
    string StreetFormat,
    string[] Streets,
    DemoCity[] Cities,
    string[] FemaleNames,
    string[] MaleNames,
    string[] LastNames)
{
    public DemoCity City(string name) => Cities.First(c => c.Name == name);

    public JsonObject Address(Random rng, DemoCity city)
    {
        var street = string.Format(CultureInfo.InvariantCulture, StreetFormat, rng.Pick(Streets), rng.Between(1, Code == "US" ? 2400 : 140));
        var address = new JsonObject
        {
            ["street"] = street,
            ["city"] = city.Name,
            ["postalCode"] = city.PostalCode,
            ["country"] = Code,
        };
        if (city.Region is not null) address["region"] = city.Region;
        return address;
    }

    /// <summary>A landline in the city, in E.164 (+, country code, number; no spaces).</summary>
    public string Landline(Random rng, DemoCity city) => "+" + CallingCode + city.AreaCode + Subscriber(rng, city.Digits);

    public string Mobile(Random rng, DemoCity city) =>
        MobilePrefix.Length == 0 ? Landline(rng, city) : "+" + CallingCode + MobilePrefix + Subscriber(rng, MobileDigits);

    /// <summary>A first and last name; Polish surnames take the feminine form for women.</summary>
    public (string First, string Last) Person(Random rng)
    {
        var female = rng.Chance(0.5);
        var first = rng.Pick(female ? FemaleNames : MaleNames);
        var last = rng.Pick(LastNames);
        if (female && Code == "PL" && last.EndsWith('i')) last = last[..^1] + "a";
        return (first, last);
    }

    private static string Subscriber(Random rng, int digits)
    {
        var sb = new StringBuilder(digits);
        sb.Append((char)('2' + rng.Next(8)));
        for (var i = 1; i < digits; i++) sb.Append((char)('0' + rng.Next(10)));
        return sb.ToString();
    }
}
