using System.Text;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class JsonArrayRowReaderTests
{
    private static List<SourceRow> Read(string json, FormatLimits? limits = null) => Read(Encoding.UTF8.GetBytes(json), limits);

    private static List<SourceRow> Read(byte[] json, FormatLimits? limits = null)
    {
        using var reader = new JsonArrayRowReader(new MemoryStream(json), limits);
        return reader.ReadRows().ToList();
    }

    private static ImportFormatException Refuse(string json, FormatLimits? limits = null) =>
        Assert.Throws<ImportFormatException>(() => Read(json, limits));

    [Fact]
    public void ReadRows_NestedObjects_BecomeDottedColumns()
    {
        var row = Assert.Single(Read("""
            [{"lastName":"Lovelace","address":{"city":"London","country":"GB"},"externalIds":{"erp":"123","sap.crm":"X-9"},
              "custom":{"tier":"gold"},"a":{"b":{"c":"deep"}}}]
            """));

        Assert.Equal(["lastName", "address.city", "address.country", "externalIds.erp", "externalIds.sap.crm", "custom.tier", "a.b.c"], row.Columns);
        RowAssert.Values(["Lovelace", "London", "GB", "123", "X-9", "gold", "deep"], row);
        Assert.Null(row.Error);
    }

    [Fact]
    public void ReadRows_EmptyNestedObject_OneNullCell()
    {
        var row = Assert.Single(Read("""[{"address":{},"custom":{"a":{}},"b":1}]"""));

        Assert.Equal(["address", "custom.a", "b"], row.Columns);
        RowAssert.Values([null, null, "1"], row);
    }

    [Fact]
    public void ReadRows_Arrays_OneCellOfCompactJson()
    {
        var row = Assert.Single(Read("""
            [
              {
                "emails": [
                  { "address": "a@b.c", "primary": true },
                  { "address": "d@e.f", "primary": false, "note": "Zoë <x> & 'y'" }
                ],
                "tags": [ "golf", 12.50, null, [ 1, 2 ] ],
                "phones": [ ]
              }
            ]
            """));

        Assert.Equal("""[{"address":"a@b.c","primary":true},{"address":"d@e.f","primary":false,"note":"Zoë <x> & 'y'"}]""", row["emails"]);
        Assert.Equal("""["golf",12.50,null,[1,2]]""", row["tags"]);
        Assert.Equal("[]", row["phones"]);
    }

    [Fact]
    public void ReadRows_Scalars_TextNumbersAsWrittenBooleansAndNulls()
    {
        var row = Assert.Single(Read("""[{"s":"text","amount":12.50,"big":1e3,"n":-0,"yes":true,"no":false,"none":null,"empty":"","esc":"caf\u00e9 \"q\""}]"""));

        RowAssert.Values(["text", "12.50", "1e3", "-0", "true", "false", null, null, "café \"q\""], row);
    }

    [Fact]
    public void ReadRows_EachRow_HasItsOwnColumns()
    {
        var rows = Read("""[{"a":1,"b":2},{"b":3,"c":{"d":4}},{}]""");

        Assert.Equal(["a", "b"], rows[0].Columns);
        Assert.Equal(["b", "c.d"], rows[1].Columns);
        Assert.Empty(rows[2].Columns);
        Assert.NotSame(rows[0].Columns, rows[1].Columns);
        Assert.Null(rows[0]["c.d"]);
        Assert.Equal("4", rows[1]["c.d"]);
    }

    [Fact]
    public void ReadRows_PrettyPrinted_LineIsWhereEachObjectStarts()
    {
        var rows = Read("[\n  {\n    \"a\": 1\n  },\n  {\n    \"a\": 2\n  },\n\n  {\"a\": 3}, {\"a\": 4}\n]\n");

        Assert.Equal([2L, 5L, 9L, 9L], rows.Select(r => r.Line));
    }

    [Fact]
    public void ReadRows_Utf8Bom_Skipped()
    {
        var row = Assert.Single(Read([0xEF, 0xBB, 0xBF, .. """[{"name":"René"}]"""u8]));

        Assert.Equal("René", row["name"]);
    }

    [Fact]
    public void ReadRows_ElementNotAnObject_RowErrorAndReadingGoesOn()
    {
        var rows = Read("""[{"a":1},"stray",[1,[2]],{"a":2}]""");

        Assert.Equal(4, rows.Count);
        Assert.Equal("line 1: expected an object, found a string.", rows[1].Error);
        Assert.Equal("line 1: expected an object, found an array.", rows[2].Error);
        Assert.Equal("2", rows[3]["a"]);
    }

    [Fact]
    public void ReadRows_DuplicateProperty_RowError()
    {
        var rows = Read("""[{"address":{"city":"A"},"address.city":"B"},{"ok":1}]""");

        Assert.Equal("line 1: the record has 'address.city' more than once.", rows[0].Error);
        Assert.Null(rows[1].Error);
    }

    [Fact]
    public void ReadRows_EmptyArray_NoRows()
    {
        Assert.Empty(Read(" [ ] \n"));
    }

    [Theory]
    [InlineData("""{"a":1}""", "an object")]
    [InlineData("\"text\"", "a string")]
    [InlineData("42", "a number")]
    public void ReadRows_TopLevelNotAnArray_Refused(string json, string found)
    {
        var ex = Refuse(json);

        Assert.Contains("not a JSON array", ex.Message, StringComparison.Ordinal);
        Assert.Contains(found, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void ReadRows_EmptyFile_Refused(string json) =>
        Assert.IsType<ImportFormatException>(Refuse(json));

    [Fact]
    public void ReadRows_MalformedJson_RefusedWithLine()
    {
        var ex = Refuse("[\n  {\"a\": 1},\n  {\"a\": 2,,}\n]");

        Assert.Equal(3, ex.Line);
        Assert.StartsWith("line 3: the JSON is malformed", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_UnclosedArray_Refused()
    {
        var rows = new List<SourceRow>();
        using var reader = new JsonArrayRowReader(new MemoryStream("""[{"a":1},{"a":2}"""u8.ToArray()));

        Assert.Throws<ImportFormatException>(() =>
        {
            foreach (var row in reader.ReadRows()) rows.Add(row);
        });
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void ReadRows_ContentAfterArray_Refused()
    {
        Assert.IsType<ImportFormatException>(Refuse("""[{"a":1}] {"b":2}"""));
    }

    [Fact]
    public void ReadRows_NestedDeeperThanLimit_Refused()
    {
        var limits = new FormatLimits { MaxDepth = 3 };

        Assert.Single(Read("""[{"a":{"b":{"c":1}}}]""", limits));
        var ex = Refuse("""[{"a":1},{"a":{"b":{"c":{"d":1}}}}]""", limits);

        Assert.Contains("deeper than 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_ArrayNestedDeeperThanLimit_Refused()
    {
        var ex = Refuse("""[{"a":[[[[1]]]]}]""", new FormatLimits { MaxDepth = 3 });

        Assert.Contains("deeper than 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_HostileDepth_RefusedAsImportError()
    {
        var json = "[" + new string('[', 100_000) + new string(']', 100_000) + "]";

        Assert.IsType<ImportFormatException>(Refuse(json));
    }

    [Fact]
    public void ReadRows_ObjectLargerThanLimit_RefusedNamingLine()
    {
        var limits = new FormatLimits { MaxRowChars = 100 };
        var json = $"[\n{{\"a\":1}},\n{{\"a\":\"{new string('x', 200)}\"}}\n]";

        var ex = Refuse(json, limits);

        Assert.Equal(3, ex.Line);
        Assert.Contains("larger than 100 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_HugeObject_StopsBufferingAtLimit()
    {
        var limits = new FormatLimits { MaxRowChars = 10_000 };
        var json = "[{\"a\":\"" + new string('x', 2_000_000) + "\"}]";

        Assert.Contains("larger than 10,000 characters", Refuse(json, limits).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_ObjectLargerThanReadBuffer_ReadWhole()
    {
        var big = new string('é', 200_000);

        var row = Assert.Single(Read($"[{{\"a\":\"{big}\",\"b\":[\"{big}\"]}}]"));

        Assert.Equal(big, row["a"]);
        Assert.Equal($"[\"{big}\"]", row["b"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public void ReadRows_StreamGivingFewBytesAtATime_SameRowsAndLines(int bytesPerRead)
    {
        var json = new StringBuilder("[\n");
        for (var i = 0; i < 500; i++)
        {
            if (i > 0) json.Append(",\n");
            json.Append("  {\n    \"name\": \"Zoë ").Append(i).Append("\",\n    \"address\": {\"city\": \"Köln\"},\n    \"tags\": [1, \"€\"]\n  }");
        }
        json.Append("\n]\n");
        using var reader = new JsonArrayRowReader(new TrickleStream(Encoding.UTF8.GetBytes(json.ToString()), bytesPerRead));

        var rows = reader.ReadRows().ToList();

        Assert.Equal(500, rows.Count);
        Assert.Equal("Zoë 499", rows[^1]["name"]);
        Assert.Equal("Köln", rows[^1]["address.city"]);
        Assert.Equal("""[1,"€"]""", rows[^1]["tags"]);
        Assert.Equal(2 + (499 * 5), rows[^1].Line);
    }

    [Fact]
    public void ReadRows_Utf16WithEncodingGiven_Transcoded()
    {
        var bytes = Encoding.Unicode.GetBytes("""[{"name":"René"}]""");
        using var reader = new JsonArrayRowReader(new MemoryStream(bytes), encoding: Encoding.Unicode);

        Assert.Equal("René", Assert.Single(reader.ReadRows())["name"]);
    }

    [Fact]
    public void ReadRows_Utf16WithoutEncodingGiven_RefusedWithReason()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("""[{"a":1}]""")];
        using var reader = new JsonArrayRowReader(new MemoryStream(bytes));

        var ex = Assert.Throws<ImportFormatException>(() => reader.ReadRows().ToList());

        Assert.Contains("UTF-16", ex.Message, StringComparison.Ordinal);
    }
}
