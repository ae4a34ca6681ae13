using System.Text.Json.Nodes;
using Rapport.Api.Quality;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary><c>GET/PUT /api/v1/metadata/matching/{object}</c>: how duplicate detection compares an object's records.</summary>
internal static class MatchingSettingsSection
{
    public static void AddSchemas(ComponentSchemas components)
    {
        var kinds = MatchingSettings.Kinds.Keys.Append(MatchingSettings.Ignore).ToList();
        JsonObject FieldMap(string description) => new()
        {
            ["type"] = "object",
            ["description"] = description,
            ["additionalProperties"] = Enum(kinds),
        };
        JsonObject Threshold() => new()
        {
            ["type"] = "number", ["nullable"] = true, ["exclusiveMinimum"] = true, ["minimum"] = 0, ["exclusiveMaximum"] = true, ["maximum"] = 1,
            ["description"] = "The match probability from which two records count as duplicates (default 0.9).",
        };
        const string fields = "Feature (`lastName`, `address.city`, `custom.vatId`, `title`) → how it is compared, or `ignore` to leave it out. " +
                              "Features not named keep what the object's metadata gives them; a field named here that is not compared by default is added.";
        const string blocking = "Blocking rules replacing the default ones: which records are compared at all. A rule is one or more keys joined by `&`; " +
                                "a key is a feature, plain or through `phonetic()`, `initial()`, `prefix3()`, `year()` or `firstToken()`: " +
                                "`email`, `phonetic(lastName) & initial(firstName)`.";
        components.Add("MatchingSettings", Object(new JsonObject
        {
            ["threshold"] = Threshold(),
            ["fields"] = FieldMap(fields),
            ["blocking"] = ArrayOf(String(), blocking),
            ["effective"] = ReadOnly(FieldMap("Every feature compared now, with its comparison kind.")),
        }, ["threshold", "fields", "blocking", "effective"], "An object's matching settings."));
        var input = Object(new JsonObject
        {
            ["threshold"] = Threshold(),
            ["fields"] = FieldMap(fields),
            ["blocking"] = ArrayOf(String(), blocking),
        }, description: "The settings, replaced whole.");
        input["additionalProperties"] = false;
        components.Add("MatchingSettingsInput", input);
    }

    public static void AddPaths(JsonObject paths, IReadOnlyList<string> objects) =>
        DataQualitySection.AddSettingsPaths(paths, objects, "matching", "Matching", "The settings and every feature compared now.",
            "Checked against the object's fields before they are stored; used by the next scan and check (the check index is rebuilt).");
}
