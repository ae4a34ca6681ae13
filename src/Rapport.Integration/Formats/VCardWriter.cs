using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Domain.Reference;

namespace Rapport.Integration.Formats;

/// <summary>
/// Writes contacts (the REST JSON shape) as vCard 4.0 (RFC 6350): FN, N, TITLE, ORG (when the object
/// carries an <c>accountName</c>), EMAIL and TEL with their types and PREF=1 on the primary item,
/// ADR, BDAY, NOTE, UID (<c>urn:uuid:&lt;id&gt;</c>) and REV. Text is escaped, lines are folded at
/// 75 octets without splitting a UTF-8 character, and end in CRLF. Streams: nothing is kept per card.
/// </summary>
public sealed class VCardWriter : IRecordWriter
{
    private readonly ContentLineWriter _out;

    /// <param name="output">Receives UTF-8 without a byte-order mark; may be non-seekable; left open.</param>
    public VCardWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = new ContentLineWriter(output);
    }

    public void Write(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var first = Text(record["firstName"]);
        var last = Text(record["lastName"]);
        var account = Text(record["accountName"]) ?? Text((record["account"] as JsonObject)?["name"]);
        var emails = Items(record["emails"], "address");

        _out.WriteLine("BEGIN:VCARD");
        _out.WriteLine("VERSION:4.0");
        var formatted = string.Join(' ', new[] { first, last }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (formatted.Length == 0) formatted = account ?? emails.FirstOrDefault().Value ?? "";
        _out.Write("FN", ContentValues.Escape(formatted));
        _out.Write("N", $"{ContentValues.Escape(last ?? "")};{ContentValues.Escape(first ?? "")};;;");
        if (Text(record["title"]) is { } title) _out.Write("TITLE", ContentValues.Escape(title));
        if (account is not null) _out.Write("ORG", ContentValues.Escape(account));
        foreach (var (value, type, primary) in emails)
            _out.Write("EMAIL" + TypeParam(type switch { "work" => "work", "home" => "home", "other" => "other", _ => null }) + Pref(primary),
                ContentValues.Escape(value));
        foreach (var (value, type, primary) in Items(record["phones"], "number"))
            _out.Write("TEL" + TypeParam(type switch
            {
                "mobile" => "cell", "work" => "work", "home" => "home", "fax" => "fax", "other" => "other", _ => null,
            }) + Pref(primary), ContentValues.Escape(value));
        if (record["address"] is JsonObject address) WriteAddress(address);
        if (Text(record["birthDate"]) is { } birthDate &&
            DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            _out.Write("BDAY", day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        if (Text(record["description"]) is { } description) _out.Write("NOTE", ContentValues.Escape(description));
        if (Text(record["id"]) is { } id) _out.Write("UID", "urn:uuid:" + ContentValues.Escape(id));
        if (Instant(record["updatedAt"]) is { } updated) _out.Write("REV", updated);
        _out.WriteLine("END:VCARD");
    }

    public void Complete() => _out.Flush();

    public void Dispose()
    {
    }

    private void WriteAddress(JsonObject address)
    {
        string Part(string name) => ContentValues.Escape(Text(address[name]) ?? "");
        var country = Text(address["country"]);
        if (country is not null && CountryCodes.Name(country.ToUpperInvariant()) is { } name) country = name;
        var value = $";{Part("line2")};{Part("street")};{Part("city")};{Part("region")};{Part("postalCode")};{ContentValues.Escape(country ?? "")}";
        if (value.AsSpan().Trim(';').IsEmpty) return;
        _out.Write("ADR", value);
    }

    private static string TypeParam(string? type) => type is null ? "" : ";TYPE=" + type;

    private static string Pref(bool primary) => primary ? ";PREF=1" : "";

    /// <summary>
    /// The items of an emails or phones array: value, type and whether it is the primary one
    /// (the item marked primary, else the first).
    /// </summary>
    internal static List<(string Value, string? Type, bool Primary)> Items(JsonNode? node, string valueName)
    {
        var items = new List<(string, string?, bool)>();
        if (node is not JsonArray array) return items;
        var primary = CsvListWriter.PrimaryItem(array);
        foreach (var item in array)
        {
            if (item is not JsonObject obj || Text(obj[valueName]) is not { } value) continue;
            items.Add((value, Text(obj["type"])?.ToLowerInvariant(), ReferenceEquals(obj, primary)));
        }
        return items;
    }

    /// <summary>The text of a scalar JSON value (strings as they are, numbers and booleans invariant); null for null, blank or structures.</summary>
    internal static string? Text(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        var text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>An ISO 8601 instant as the basic UTC form <c>yyyyMMddTHHmmssZ</c>, or null when it does not parse.</summary>
    internal static string? Instant(JsonNode? node) =>
        Text(node) is { } text &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
            : null;
}
