using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Checks of the system fields every record carries (contract §3).</summary>
public static partial class RecordAssert
{
    /// <summary>An ISO 8601 UTC instant (ending in Z), as contract §3 requires of every time; returns it parsed.</summary>
    public static DateTime UtcInstant(JsonNode? node)
    {
        var text = node.Str();
        Assert.NotNull(text);
        Assert.Matches(IsoUtc(), text);
        return DateTime.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    /// <summary>A lower-case UUID string with version nibble 7 and the RFC 9562 variant.</summary>
    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    public static partial Regex UuidV7();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$")]
    private static partial Regex IsoUtc();
}
