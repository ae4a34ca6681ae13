using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Rapport.Domain.Records;
using Rapport.Domain.Reference;

namespace Rapport.Integration.Formats;

/// <summary>
/// Reads contacts from a vCard file (4.0, RFC 6350; 3.0, RFC 2426; 2.1 as exported by older phones
/// and Outlook) with any number of cards. Each card becomes one row with the contact columns of the
/// catalogue, flattened as <see cref="CsvListWriter"/> does: <c>firstName</c>, <c>lastName</c>,
/// <c>title</c>, <c>emails</c> and <c>phones</c> as compact JSON arrays, <c>address.*</c> from the
/// preferred (else first) ADR, <c>account.name</c> from ORG (a relation key the importer resolves),
/// <c>birthDate</c>, <c>description</c> from NOTE and <c>externalIds.vcard</c> from UID.
/// Properties not mapped (PHOTO, LOGO, SOUND, KEY, X-...) are skipped without being buffered.
/// </summary>
public sealed class VCardRowReader : IRowReader
{
    /// <summary>The columns of every row, in this order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "firstName", "lastName", "title", "emails", "phones",
        "address.street", "address.line2", "address.city", "address.postalCode", "address.region", "address.country",
        "account.name", "birthDate", "description", "externalIds.vcard",
    ];

    private const int FirstName = 0, LastName = 1, Title = 2, Emails = 3, Phones = 4, Street = 5, Line2 = 6, City = 7,
        PostalCode = 8, Region = 9, Country = 10, AccountName = 11, BirthDate = 12, Description = 13, Uid = 14;

    private static readonly FrozenSet<string> Kept = new[]
    {
        "BEGIN", "END", "VERSION", "N", "FN", "TITLE", "ORG", "EMAIL", "TEL", "ADR", "BDAY", "UID", "NOTE", "X-ABLABEL",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> CountryByName = BuildCountryNames();

    private readonly Stream _stream;
    private readonly FormatLimits _limits;

    /// <param name="stream">The vCard file, UTF-8 unless a byte-order mark says otherwise; not disposed by the reader.</param>
    public VCardRowReader(Stream stream, FormatLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        _stream = stream;
        _limits = limits;
    }

    public IEnumerable<SourceRow> ReadRows(CancellationToken ct = default) => RowGuard.Wrap(Rows(ct), "vCard");

    public void Dispose()
    {
    }

    private IEnumerable<SourceRow> Rows(CancellationToken ct)
    {
        using var lines = new ContentLineReader(_stream, _limits.MaxRowChars, Kept.Contains);
        ContentLine? line = lines.ReadOpening("VCARD", "a vCard", 4096, _limits.MaxRowChars);

        Card? card = null;
        for (; line is not null; line = lines.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (line.IsBegin("VCARD"))
            {
                if (card is not null) yield return card.Build(card.Orphan ? NoBegin : "The card has no END:VCARD.");
                card = new Card(line.Line, orphan: false);
                continue;
            }
            if (line.IsEnd("VCARD"))
            {
                card ??= new Card(line.Line, orphan: true);
                yield return card.Build(card.Orphan ? NoBegin : null);
                card = null;
                continue;
            }
            card ??= new Card(line.Line, orphan: true);
            card.Add(line, _limits.MaxRowChars);
        }
        if (card is not null) yield return card.Build(card.Orphan ? NoBegin : "The card has no END:VCARD.");
    }

    private const string NoBegin = "These lines are outside a card: BEGIN:VCARD is missing.";

    /// <summary>The properties of one card, collected until END:VCARD.</summary>
    private sealed class Card(long line, bool orphan)
    {
        private readonly List<ContentLine> _properties = [];
        private long _chars;

        public bool Orphan { get; } = orphan;

        public void Add(ContentLine property, int maxChars)
        {
            if (!property.HasValue || !Kept.Contains(property.Name)) return;
            _chars += property.Value.Length;
            if (_chars > maxChars)
                throw new ImportFormatException($"The card at line {line} is longer than {maxChars} characters.", line);
            _properties.Add(property);
        }

        public SourceRow Build(string? error)
        {
            var values = new string?[Columns.Count];
            Dictionary<string, string>? labels = null;
            foreach (var p in _properties)
                if (p.Name == "X-ABLABEL" && p.Group is not null)
                    (labels ??= new(StringComparer.OrdinalIgnoreCase))[p.Group] = Text(p).Trim();

            List<string>? name = null;
            string? formatted = null;
            ContentLine? address = null;
            var addressRank = int.MaxValue;
            var emails = new List<Item>();
            var phones = new List<Item>();
            foreach (var p in _properties)
            {
                switch (p.Name)
                {
                    case "N":
                        name ??= ContentValues.Split(ContentValues.Decode(p), ';', unescape: false);
                        break;
                    case "FN":
                        formatted ??= Text(p).Trim();
                        break;
                    case "TITLE":
                        values[Title] ??= Blank(Text(p).Trim());
                        break;
                    case "ORG":
                        values[AccountName] ??= Blank(ContentValues.Split(ContentValues.Decode(p), ';')[0].Trim());
                        break;
                    case "NOTE":
                        values[Description] ??= Blank(Text(p).Trim());
                        break;
                    case "UID":
                        values[Uid] ??= Blank(Text(p).Trim());
                        break;
                    case "BDAY":
                        values[BirthDate] ??= Birthday(p);
                        break;
                    case "EMAIL":
                        var email = StripScheme(Text(p).Trim(), "mailto:");
                        if (email.Length > 0) emails.Add(new Item(email, EmailType(p, Label(labels, p)), Rank(p)));
                        break;
                    case "TEL":
                        var tel = Text(p).Trim();
                        var number = StripScheme(tel, "tel:");
                        // A tel: URI (4.0, VALUE=uri) may carry ;ext= or ;phone-context= after the number.
                        if (number.Length != tel.Length && number.IndexOf(';') is > 0 and var parameters) number = number[..parameters];
                        if (number.Length > 0) phones.Add(new Item(number, PhoneType(p, Label(labels, p)), Rank(p)));
                        break;
                    case "ADR":
                        var rank = Rank(p);
                        if (address is null || rank < addressRank) (address, addressRank) = (p, rank);
                        break;
                }
            }

            SetName(values, name, formatted);
            values[Emails] = ItemsJson(emails, "address");
            values[Phones] = ItemsJson(phones, "number");
            if (address is not null) SetAddress(values, address);
            return new SourceRow { Line = line, Columns = Columns, Values = values, Error = error };
        }
    }

    private readonly record struct Item(string Value, string? Type, int Rank);

    private static string Text(ContentLine p) => ContentValues.Unescape(ContentValues.Decode(p));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string? Label(Dictionary<string, string>? labels, ContentLine p) =>
        p.Group is not null && labels is not null && labels.TryGetValue(p.Group, out var label) ? label : null;

    private static string StripScheme(string value, string scheme) =>
        value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? value[scheme.Length..].Trim() : value;

    /// <summary>How preferred a property is: PREF=n (4.0), 1 for TYPE=pref (3.0, 2.1), else last.</summary>
    private static int Rank(ContentLine p)
    {
        if (int.TryParse(p.Param("PREF"), NumberStyles.None, CultureInfo.InvariantCulture, out var pref)) return Math.Clamp(pref, 1, 100);
        return p.Types.Contains("pref") ? 1 : int.MaxValue;
    }

    /// <summary>
    /// The catalogue's email type (work, home, other): from TYPE, else from an Apple X-ABLabel of the
    /// same group; a TYPE that says nothing about the address (internet, pref) leaves it unknown.
    /// </summary>
    private static string? EmailType(ContentLine p, string? label)
    {
        var meaningful = false;
        foreach (var type in p.Types)
        {
            switch (type)
            {
                case "work": return "work";
                case "home": return "home";
                case "internet" or "pref" or "x400" or "x-internet": break;
                default: meaningful = true; break;
            }
        }
        if (meaningful) return "other";
        return LabelType(label) switch
        {
            null => null,
            "work" => "work",
            "home" => "home",
            _ => "other",
        };
    }

    /// <summary>
    /// The catalogue's phone type (work, mobile, home, fax, other): fax wins over cell, cell over
    /// work and home; voice and pref alone say nothing.
    /// </summary>
    private static string? PhoneType(ContentLine p, string? label)
    {
        bool fax = false, mobile = false, work = false, home = false, other = false;
        foreach (var type in p.Types)
        {
            switch (type)
            {
                case "fax": fax = true; break;
                case "cell" or "mobile" or "iphone": mobile = true; break;
                case "work": work = true; break;
                case "home": home = true; break;
                case "voice" or "pref" or "msg": break;
                default: other = true; break;
            }
        }
        if (fax) return "fax";
        if (mobile) return "mobile";
        if (work) return "work";
        if (home) return "home";
        if (other) return "other";
        var fromLabel = LabelType(label);
        if (fromLabel is null) return null;
        if (fromLabel.Contains("fax", StringComparison.Ordinal)) return "fax";
        return fromLabel switch
        {
            "mobile" or "iphone" or "cell" => "mobile",
            "work" => "work",
            "home" => "home",
            _ => "other",
        };
    }

    /// <summary>An Apple label (<c>_$!&lt;Mobile&gt;!$_</c> or a custom text) in lower case, or null.</summary>
    private static string? LabelType(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var text = label.Trim();
        if (text.StartsWith("_$!<", StringComparison.Ordinal) && text.EndsWith(">!$_", StringComparison.Ordinal)) text = text[4..^4];
        return text.ToLowerInvariant();
    }

    private static void SetName(string?[] values, List<string>? name, string? formatted)
    {
        string? first = null, last = null;
        if (name is not null)
        {
            // N = family ; given ; additional ; prefix ; suffix — components may be comma lists.
            last = Blank(Component(name, 0));
            first = Blank(string.Join(' ', new[] { Component(name, 1), Component(name, 2) }.Where(s => s.Length > 0)));
        }
        if (first is null && last is null && !string.IsNullOrWhiteSpace(formatted))
        {
            var space = formatted.LastIndexOf(' ');
            if (space < 0) last = formatted;
            else (first, last) = (formatted[..space].Trim(), formatted[(space + 1)..]);
        }
        values[FirstName] = first;
        values[LastName] = last;
    }

    /// <summary>Component <paramref name="index"/> of a raw structured value, its comma-separated values joined with spaces.</summary>
    private static string Component(List<string> raw, int index) =>
        index < raw.Count
            ? string.Join(' ', ContentValues.Split(raw[index], ',').Select(v => v.Trim()).Where(v => v.Length > 0))
            : "";

    private static void SetAddress(string?[] values, ContentLine adr)
    {
        // ADR = post-office box ; extended address ; street ; locality ; region ; postal code ; country
        var parts = ContentValues.Split(ContentValues.Decode(adr), ';');
        string Part(int i) => i < parts.Count ? parts[i].Trim() : "";
        var street = Part(2);
        var line2 = Part(1);
        if (street.Length == 0) street = Part(0);
        var newline = street.IndexOf('\n');
        if (newline >= 0 && line2.Length == 0)
        {
            line2 = string.Join(", ", street[(newline + 1)..].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            street = street[..newline].Trim();
        }
        values[Street] = Blank(street);
        values[Line2] = Blank(line2);
        values[City] = Blank(Part(3));
        values[Region] = Blank(Part(4));
        values[PostalCode] = Blank(Part(5));
        values[Country] = CountryCode(Part(6));
    }

    /// <summary>An alpha-2 code for a country as written in an address (code or English name); other text is passed on.</summary>
    private static string? CountryCode(string country)
    {
        if (country.Length == 0) return null;
        if (country.Length == 2 && CountryCodes.IsValid(country.ToUpperInvariant())) return country.ToUpperInvariant();
        return CountryByName.TryGetValue(country, out var code) ? code : country;
    }

    private static FrozenDictionary<string, string> BuildCountryNames()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in CountryCodes.All)
            if (CountryCodes.Name(code) is { } name) map.TryAdd(name, code);
        foreach (var (alias, code) in new[]
        {
            ("USA", "US"), ("U.S.A.", "US"), ("United States", "US"), ("U.S.", "US"), ("UK", "GB"), ("U.K.", "GB"),
            ("Great Britain", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Deutschland", "DE"),
            ("Österreich", "AT"), ("Schweiz", "CH"), ("Suisse", "CH"), ("Nederland", "NL"), ("The Netherlands", "NL"),
            ("España", "ES"), ("Italia", "IT"), ("Russia", "RU"), ("South Korea", "KR"), ("Korea", "KR"),
        })
        {
            map.TryAdd(alias, code);
        }
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>BDAY as yyyy-MM-dd; null when the year is unknown (<c>--MMDD</c>, Apple's X-APPLE-OMIT-YEAR); other text is passed on.</summary>
    private static string? Birthday(ContentLine p)
    {
        var text = Text(p).Trim();
        if (text.Length == 0 || text.StartsWith("--", StringComparison.Ordinal)) return null;
        var t = text.IndexOfAny(['T', 't']);
        var date = t > 0 ? text[..t] : text;
        if (!DateOnly.TryParseExact(date, ["yyyyMMdd", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return text;
        if (int.TryParse(p.Param("X-APPLE-OMIT-YEAR"), NumberStyles.None, CultureInfo.InvariantCulture, out var omitted) && omitted == day.Year)
            return null;
        return Timestamps.ToText(day);
    }

    /// <summary>
    /// The items as one cell of compact JSON (<c>[{"address":"a@b.c","type":"work","primary":true}]</c>):
    /// the most preferred item is primary, else the first; a type nothing maps is left out.
    /// </summary>
    private static string? ItemsJson(List<Item> items, string valueName)
    {
        if (items.Count == 0) return null;
        var primary = 0;
        for (var i = 1; i < items.Count; i++)
            if (items[i].Rank < items[primary].Rank) primary = i;
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = RecordJson.Options.Encoder }))
        {
            w.WriteStartArray();
            for (var i = 0; i < items.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString(valueName, items[i].Value);
                if (items[i].Type is { } type) w.WriteString("type", type);
                w.WriteBoolean("primary", i == primary);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
