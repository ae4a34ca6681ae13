using Rapport.Domain.Metadata;
using Rapport.Domain.Rules;
using Rapport.Domain.Validation;
using static Rapport.UnitTests.Validation.ValidationTestHelpers;

namespace Rapport.UnitTests.Rules;

public class ObjectRulesTests
{
    private static readonly ObjectDef Opp = StandardObjects.Opportunities;
    private static readonly ObjectDef Order = StandardObjects.Orders;

    private static readonly Dictionary<string, int> Stages = new()
    {
        ["prospecting"] = 10, ["qualification"] = 25, ["negotiation"] = 60, ["closedWon"] = 100, ["closedLost"] = 0,
    };

    private static readonly ObjectSchema OppSchema = Opportunities([.. Stages.Keys, "parked"]);

    /// <summary>Validates a body the way a write does, then applies the object rules to its values.</summary>
    private static object?[] Apply(ObjectSchema schema, string json, bool isCreate = true, string? firstStage = "prospecting")
    {
        var values = Valid(schema, json, isCreate).Values;
        ObjectRules.Apply(schema.Definition, values, Stages, firstStage, isCreate);
        return values;
    }

    private static object? Get(ObjectDef def, object?[] values, string field) => values[def.IndexOf(field)];

    // ---- opportunity stage and probability ----

    [Fact]
    public void Apply_OpportunityCreatedWithoutStage_GetsFirstStageAndItsProbability()
    {
        var values = Apply(OppSchema, """{"name":"Deal"}""");
        Assert.Equal("prospecting", Get(Opp, values, "stage"));
        Assert.Equal(10L, Get(Opp, values, "probability"));
    }

    [Fact]
    public void Apply_OpportunityUpdatedWithoutStage_StageStaysEmpty()
    {
        var values = Apply(OppSchema, """{"name":"Deal"}""", isCreate: false);
        Assert.Null(Get(Opp, values, "stage"));
        Assert.Null(Get(Opp, values, "probability"));
    }

    [Fact]
    public void Apply_OpportunityCreatedWithEmptyPipeline_StageStaysEmpty()
    {
        var values = Apply(OppSchema, """{"name":"Deal"}""", firstStage: null);
        Assert.Null(Get(Opp, values, "stage"));
    }

    [Theory]
    [InlineData("qualification", 25L)]
    [InlineData("Negotiation", 60L)]
    [InlineData("closedWon", 100L)]
    [InlineData("closedLost", 0L)]
    public void Apply_OpportunityWithStage_ProbabilityFromStageMap(string stage, long expected)
    {
        var values = Apply(OppSchema, $$"""{"name":"Deal","stage":"{{stage}}"}""");
        Assert.Equal(expected, Get(Opp, values, "probability"));
    }

    [Fact]
    public void Apply_OpportunityWithExplicitProbability_KeepsIt()
    {
        var values = Apply(OppSchema, """{"name":"Deal","stage":"negotiation","probability":35}""");
        Assert.Equal(35L, Get(Opp, values, "probability"));
    }

    [Fact]
    public void Apply_OpportunityStageWithoutMappedProbability_ProbabilityStaysEmpty()
    {
        var values = Apply(OppSchema, """{"name":"Deal","stage":"parked"}""");
        Assert.Equal("parked", Get(Opp, values, "stage"));
        Assert.Null(Get(Opp, values, "probability"));
    }

    // ---- opportunity amount ----

    [Fact]
    public void Apply_OpportunityWithLineItemsAndNoAmount_AmountIsSumOfLineTotals()
    {
        var values = Apply(OppSchema, """
            {"name":"Deal","currency":"EUR","lineItems":[
              {"quantity":3,"unitPrice":10,"discount":10},
              {"quantity":2,"unitPrice":19.99}]}
            """);
        Assert.Equal(66.98m, Get(Opp, values, "amount"));
    }

    [Fact]
    public void Apply_OpportunityWithExplicitAmount_KeepsIt()
    {
        var values = Apply(OppSchema, """{"name":"Deal","currency":"EUR","amount":500,"lineItems":[{"quantity":1,"unitPrice":10}]}""");
        Assert.Equal(500m, Get(Opp, values, "amount"));
    }

    [Fact]
    public void Apply_OpportunityWithoutLineItems_AmountStaysEmpty()
    {
        var values = Apply(OppSchema, """{"name":"Deal","lineItems":[]}""");
        Assert.Null(Get(Opp, values, "amount"));
    }

    // ---- order total ----

    [Fact]
    public void Apply_OrderWithLines_TotalIsSumOfLineTotals()
    {
        var values = Apply(Schema(Order), """
            {"number":"SO-1","currency":"EUR","lines":[
              {"quantity":4,"unitPrice":2.5,"discount":50},
              {"quantity":1,"unitPrice":"99.99"}]}
            """);
        Assert.Equal(104.99m, Get(Order, values, "total"));
    }

    [Fact]
    public void Apply_OrderTotalSentByClient_ReplacedByComputedTotal()
    {
        var values = Apply(Schema(Order), """{"number":"SO-1","currency":"EUR","total":1,"lines":[{"quantity":2,"unitPrice":3}]}""");
        Assert.Equal(6m, Get(Order, values, "total"));
    }

    [Fact]
    public void Apply_OrderWhoseLinesWereRemoved_TotalCleared()
    {
        var values = Valid(Schema(Order), """{"number":"SO-1","currency":"EUR"}""", isCreate: false).Values;
        values[Order.IndexOf("total")] = 250m; // the stored total of the lines that were there before
        ObjectRules.Apply(Order, values, Stages, null, isCreate: false);
        Assert.Null(Get(Order, values, "total"));
    }

    // ---- money needs a currency ----

    [Theory]
    [InlineData("accounts", """{"name":"Acme","annualRevenue":1000}""", "annualRevenue")]
    [InlineData("opportunities", """{"name":"Deal","amount":1000}""", "amount")]
    [InlineData("opportunities", """{"name":"Deal","lineItems":[{"quantity":1,"unitPrice":10}]}""", "amount")]
    [InlineData("orders", """{"number":"SO-1","lines":[{"quantity":1,"unitPrice":10}]}""", "lines")]
    [InlineData("products", """{"name":"Widget","sku":"W-1","price":9.99}""", "price")]
    [InlineData("campaigns", """{"name":"Spring","budget":5000}""", "budget")]
    public void Apply_MoneyWithoutCurrency_RejectedWithCurrencyError(string objectName, string json, string moneyField)
    {
        var schema = objectName == "opportunities" ? OppSchema : Schema(StandardObjects.Find(objectName)!);
        var error = Assert.Throws<ValidationException>(() => Apply(schema, json));
        Assert.Equal(["currency"], error.Errors.Keys);
        Assert.Equal([$"is required when {moneyField} is set (an ISO 4217 code such as EUR)"], error.Errors["currency"]);
    }

    [Theory]
    [InlineData("accounts", """{"name":"Acme","annualRevenue":1000,"currency":"eur"}""")]
    [InlineData("opportunities", """{"name":"Deal","currency":"USD","lineItems":[{"quantity":1,"unitPrice":10}]}""")]
    [InlineData("orders", """{"number":"SO-1","currency":"GBP","lines":[{"quantity":1,"unitPrice":10}]}""")]
    [InlineData("products", """{"name":"Widget","sku":"W-1","price":9.99,"currency":"CHF"}""")]
    [InlineData("accounts", """{"name":"Acme"}""")]
    [InlineData("opportunities", """{"name":"Deal"}""")]
    [InlineData("contacts", """{"lastName":"L"}""")]
    public void Apply_MoneyWithCurrencyOrNoMoney_Accepted(string objectName, string json)
    {
        var schema = objectName == "opportunities" ? OppSchema : Schema(StandardObjects.Find(objectName)!);
        var values = Apply(schema, json);
        Assert.Equal(schema.Definition.Fields.Count, values.Length);
    }
}
