using System.Text.Json.Nodes;
using Rapport.Domain.Patching;

namespace Rapport.UnitTests.Patching;

public class MergePatchTests
{
    /// <summary>Every example of RFC 7396 Appendix A: original, patch, result.</summary>
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_Rfc7396AppendixAExample_GivesTheRfcResult(string original, string patch, string expected)
    {
        var result = MergePatch.Apply(JsonNode.Parse(original), JsonNode.Parse(patch));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), $"expected {expected}, got {result?.ToJsonString() ?? "null"}");
    }

    [Fact]
    public void Apply_NullTarget_PatchObjectBecomesTheDocumentWithoutNulls()
    {
        var result = MergePatch.Apply(null, JsonNode.Parse("""{"a":1,"b":null}"""));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":1}"""), result));
    }

    [Fact]
    public void Apply_RecordPatch_ChangesOnlyNamedFields()
    {
        var record = JsonNode.Parse("""
            {"firstName":"Ada","lastName":"Lovelace","address":{"city":"London","country":"GB"},"custom":{"tier":"gold","score":3}}
            """);
        var patch = JsonNode.Parse("""{"lastName":"King","address":{"city":"Ockham"},"custom":{"score":null}}""");
        var result = MergePatch.Apply(record, patch);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"firstName":"Ada","lastName":"King","address":{"city":"Ockham","country":"GB"},"custom":{"tier":"gold"}}
            """), result), result!.ToJsonString());
    }

    [Fact]
    public void Apply_Always_LeavesTargetAndPatchUnchanged()
    {
        var target = JsonNode.Parse("""{"a":{"b":"c"},"d":[1]}""");
        var patch = JsonNode.Parse("""{"a":{"b":null,"x":{"y":1}},"d":null}""");
        var targetBefore = target!.ToJsonString();
        var patchBefore = patch!.ToJsonString();

        var result = MergePatch.Apply(target, patch);
        result!["a"]!["x"]!["y"] = 2;

        Assert.Equal(targetBefore, target.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
    }
}
