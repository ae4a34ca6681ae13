using Rapport.Integration.Mapping;

namespace Rapport.UnitTests.Mapping;

public class ValueTransformTests
{
    /// <summary>Runs the transforms of one field entry (everything after "column: c, ") on <paramref name="input"/>.</summary>
    private static string? Run(string settings, string? input)
    {
        var mapping = ImportMapping.Parse($"fields:\n  title: {{ column: c, {settings} }}\n");
        var value = input;
        foreach (var t in mapping.Fields[0].Transforms) value = t.Apply(value);
        return value;
    }

    [Theory]
    [InlineData("transform: [trim]", "  a b  ", "a b")]
    [InlineData("transform: [lower]", "ÄBC Def", "äbc def")]
    [InlineData("transform: [upper]", "größe", "GRÖßE")]
    [InlineData("transform: [title_case]", "mary-jane o'NEIL  smith", "Mary-Jane O'neil  Smith")]
    [InlineData("transform: [collapse_spaces]", "  a \t b\n\nc  ", "a b c")]
    [InlineData("transform: [{ strip: \" -/\" }]", "+49 (30) 123-45/6", "+49(30)123456")]
    [InlineData("strip: \"()\"", "(030) 1234", "030 1234")]
    [InlineData("transform: [{ replace: { pattern: \"^0\", with: \"+49\" } }]", "0301234", "+49301234")]
    [InlineData("replace: { pattern: \"(\\\\w+)@(\\\\w+)\", with: \"$2:$1\" }", "ada@home", "home:ada")]
    [InlineData("replace: { pattern: \"x\" }", "axbxc", "abc")]
    [InlineData("transform: [{ split: { separator: \";\", index: 1 } }]", "a; b ;c", "b")]
    [InlineData("transform: [{ split: { separator: \";\", index: -1 } }]", "a;b;c", "c")]
    [InlineData("transform: [{ split: { separator: \";\", index: 5 } }]", "a;b", null)]
    [InlineData("split: \"/\"", "x/y", "x")]
    [InlineData("regex: \"REF-(\\\\d+)\"", "old REF-0042 x", "0042")]
    [InlineData("regex: \"\\\\d+\"", "abc 123 def", "123")]
    [InlineData("regex: \"REF-(\\\\d+)\"", "no ref", null)]
    [InlineData("transform: [TRIM, Title-Case]", " ada lovelace ", "Ada Lovelace")]
    public void Transform_Applied(string settings, string input, string? expected) =>
        Assert.Equal(expected, Run(settings, input));

    [Fact]
    public void Transforms_RunInTheOrderWritten()
    {
        Assert.Equal("ABC", Run("transform: [trim, upper], regex: \"[A-Z]+\"", " abc1 "));
        Assert.Null(Run("regex: \"[A-Z]+\", transform: [upper]", "abc"));
    }

    [Fact]
    public void Transform_Null_StaysNull() => Assert.Null(Run("transform: [trim, upper, title_case]", null));

    [Theory]
    [InlineData("Ada Lovelace", "Ada", "Lovelace")]
    [InlineData("  Ada   King  Lovelace ", "Ada King", "Lovelace")]
    [InlineData("Ludwig Mies van der Rohe", "Ludwig Mies", "van der Rohe")]
    [InlineData("Maria de la Cruz", "Maria", "de la Cruz")]
    [InlineData("Otto von Bismarck", "Otto", "von Bismarck")]
    [InlineData("Ludwig Van Beethoven", "Ludwig", "Van Beethoven")]
    [InlineData("Lovelace, Ada", "Ada", "Lovelace")]
    [InlineData("van der Berg, Jan Peter", "Jan Peter", "van der Berg")]
    [InlineData("Martin Luther King Jr.", "Martin Luther", "King Jr.")]
    [InlineData("King, Jr.", null, "King Jr.")]
    [InlineData("Cher", null, "Cher")]
    [InlineData("Van Morrison", "Van", "Morrison")]
    public void SplitName_FirstAndLast(string full, string? first, string? last)
    {
        Assert.Equal(first, Run("split_name: first", full));
        Assert.Equal(last, Run("split_name: last", full));
    }

    [Fact]
    public void Transform_Properties_DescribeTheStep()
    {
        var mapping = ImportMapping.Parse("fields:\n  title: { column: c, transform: [trim, { strip: \"-\" }, { split_name: last }] }\n");
        var steps = mapping.Fields[0].Transforms;

        Assert.Equal(["trim", "strip", "split_name"], steps.Select(s => s.Name));
        Assert.Equal([null, "-", "last"], steps.Select(s => s.Argument));
        Assert.Equal(ValueTransform.Names.Count, ValueTransform.Names.Distinct().Count());
    }
}
