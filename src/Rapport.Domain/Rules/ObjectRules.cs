using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Domain.Validation;

namespace Rapport.Domain.Rules;

/// <summary>
/// The few rules that belong to one object rather than to a field type: opportunity stage
/// probabilities and amounts from line items, order totals, and money needing a currency.
/// </summary>
public static class ObjectRules
{
    public static void Apply(ObjectDef def, object?[] values, IReadOnlyDictionary<string, int> stageProbabilities, string? firstStage, bool isCreate)
    {
        if (def == StandardObjects.Opportunities) ApplyOpportunity(def, values, stageProbabilities, firstStage, isCreate);
        if (def == StandardObjects.Orders) Set(def, values, "total", SumLines(Get(def, values, "lines") as string));
        RequireCurrency(def, values);
    }

    private static void ApplyOpportunity(ObjectDef def, object?[] values, IReadOnlyDictionary<string, int> probabilities, string? firstStage, bool isCreate)
    {
        if (Get(def, values, "stage") is null && isCreate && firstStage is not null) Set(def, values, "stage", firstStage);
        if (Get(def, values, "stage") is string stage && Get(def, values, "probability") is null && probabilities.TryGetValue(stage, out var p))
            Set(def, values, "probability", (long)p);
        if (Get(def, values, "amount") is null && SumLines(Get(def, values, "lineItems") as string) is { } sum)
            Set(def, values, "amount", sum);
    }

    private static void RequireCurrency(ObjectDef def, object?[] values)
    {
        var currencyIndex = def.IndexOf("currency");
        if (currencyIndex < 0 || values[currencyIndex] is not null) return;
        for (var i = 0; i < def.Fields.Count; i++)
        {
            var f = def.Fields[i];
            if (values[i] is null) continue;
            if (f.Kind == FieldKind.Money || f.Name is "lines" or "lineItems")
                throw ValidationException.For("currency", $"is required when {f.Name} is set (an ISO 4217 code such as EUR)");
        }
    }

    private static decimal? SumLines(string? json)
    {
        if (json is null || JsonNode.Parse(json) is not JsonArray lines || lines.Count == 0) return null;
        return ValueConverter.Normalize(lines.Sum(l => l?["total"]?.GetValue<decimal>() ?? 0m));
    }

    private static object? Get(ObjectDef def, object?[] values, string name) => values[def.IndexOf(name)];

    private static void Set(ObjectDef def, object?[] values, string name, object? value) => values[def.IndexOf(name)] = value;
}
