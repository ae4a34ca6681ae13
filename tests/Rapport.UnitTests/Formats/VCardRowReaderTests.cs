using System.Text;
using System.Text.Json.Nodes;
using Rapport.Domain.Metadata;
using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

public class VCardRowReaderTests
{
    /// <summary>As exported by Apple Contacts: item groups with X-ABLabel, TYPE=pref, a folded NOTE and a BASE64 PHOTO.</summary>
    private const string Apple = """
        BEGIN:VCARD
        VERSION:3.0
        PRODID:-//Apple Inc.//iPhone OS 17.0//EN
        N:Lovelace;Ada;Augusta;Countess;
        FN:Ada Lovelace
        ORG:Analytical Engines\, Ltd.;Research
        TITLE:Mathematician
        EMAIL;type=INTERNET;type=WORK:ada.work@analytical.example
        item1.EMAIL;type=INTERNET;type=pref:ada@analytical.example
        item1.X-ABLabel:_$!<Other>!$_
        item2.TEL;type=pref:+44 20 7946 0000
        item2.X-ABLabel:_$!<Mobile>!$_
        TEL;type=HOME;type=VOICE:+44 20 7946 0001
        item3.ADR;type=HOME;type=pref:;;12 St James's Square\nFirst floor;London;;SW1Y 4JH;United Kingdom
        item3.X-ABADR:gb
        BDAY;value=date:1815-12-10
        NOTE:First line\nSecond line with a very long text that is folded across several physica
         l lines by the exporter\, as RFC 2426 allows\; really.
        PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0a
         HBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIy
        UID:ABCD-1234
        X-ABShowAs:PERSON
        END:VCARD

        """;

    /// <summary>As exported by Google Contacts.</summary>
    private const string Google = """
        BEGIN:VCARD
        VERSION:3.0
        FN:Grace Hopper
        N:Hopper;Grace;;;
        EMAIL;TYPE=INTERNET;TYPE=WORK:grace@navy.example
        TEL;TYPE=CELL:+1 202 555 0100
        ADR;TYPE=WORK:;;1 Navy Way;Arlington;VA;22201;USA
        CATEGORIES:myContacts
        END:VCARD

        """;

    /// <summary>As exported by Outlook (vCard 2.1): bare parameters, QUOTED-PRINTABLE with soft line breaks.</summary>
    private const string Outlook = """
        BEGIN:VCARD
        VERSION:2.1
        N;LANGUAGE=de;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen
        FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller
        TEL;WORK;VOICE:+49 30 1234567
        TEL;CELL;PREF:+49 170 1234567
        TEL;WORK;FAX:+49 30 1234568
        EMAIL;PREF;INTERNET:juergen@example.de
        ADR;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:;Hinterhaus;Hauptstra=C3=9Fe 1;Berlin;;10115;Deutsch=
        land
        NOTE;ENCODING=QUOTED-PRINTABLE:Zeile eins=0D=0AZeile zwei=
         mit Leerzeichen
        END:VCARD

        """;

    private const string Version4 = """
        BEGIN:VCARD
        VERSION:4.0
        FN:Dr. Kwame Nkrumah
        N:Nkrumah;Kwame;;Dr.;
        EMAIL;TYPE=work;PREF=2:k@work.example
        EMAIL;TYPE=home;PREF=1:k@home.example
        TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+233-30-123-4567;ext=12
        TEL;VALUE=uri;TYPE=work:tel:+233-30-765-4321
        ADR;TYPE=work;LABEL="Accra: 1 Independence Ave":;;1 Independence Ave;Accra;Greater Accra;00233;GH
        BDAY:19090921
        UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1
        END:VCARD

        """;

    private static List<SourceRow> Read(string text, FormatLimits? limits = null) => Read(Encoding.UTF8.GetBytes(text), limits);

    private static List<SourceRow> Read(byte[] bytes, FormatLimits? limits = null)
    {
        using var reader = new VCardRowReader(new MemoryStream(bytes), limits ?? FormatLimits.Default);
        return reader.ReadRows().ToList();
    }

    private static JsonArray Items(SourceRow row, string column) => JsonNode.Parse(row[column]!)!.AsArray();

    [Fact]
    public void Columns_NamesComeFromTheContactCatalogue()
    {
        var contacts = StandardObjects.Contacts;
        foreach (var column in VCardRowReader.Columns)
        {
            var dot = column.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0) Assert.NotNull(contacts.Field(column));
            else if (column[..dot] is not ("account" or "externalIds")) Assert.NotNull(contacts.Field(column[..dot])!.Child(column[(dot + 1)..]));
        }
    }

    [Fact]
    public void ReadRows_AppleCard_NamesTitleOrgNoteAndBirthday()
    {
        var row = Assert.Single(Read(Apple));

        Assert.Equal(1, row.Line);
        Assert.Null(row.Error);
        Assert.Equal("Ada Augusta", row["firstName"]);
        Assert.Equal("Lovelace", row["lastName"]);
        Assert.Equal("Mathematician", row["title"]);
        Assert.Equal("Analytical Engines, Ltd.", row["account.name"]);
        Assert.Equal("1815-12-10", row["birthDate"]);
        Assert.Equal("ABCD-1234", row["externalIds.vcard"]);
        Assert.Equal(
            "First line\nSecond line with a very long text that is folded across several physical lines by the exporter, as RFC 2426 allows; really.",
            row["description"]);
    }

    [Fact]
    public void ReadRows_AppleCard_PrefIsPrimaryAndLabelsGiveTypes()
    {
        var row = Read(Apple)[0];

        Assert.Equal("""[{"address":"ada.work@analytical.example","type":"work","primary":false},{"address":"ada@analytical.example","type":"other","primary":true}]""", row["emails"]);
        Assert.Equal("""[{"number":"+44 20 7946 0000","type":"mobile","primary":true},{"number":"+44 20 7946 0001","type":"home","primary":false}]""", row["phones"]);
    }

    [Fact]
    public void ReadRows_AppleCard_AddressWithSecondLineAndCountryName()
    {
        var row = Read(Apple)[0];

        Assert.Equal("12 St James's Square", row["address.street"]);
        Assert.Equal("First floor", row["address.line2"]);
        Assert.Equal("London", row["address.city"]);
        Assert.Equal("SW1Y 4JH", row["address.postalCode"]);
        Assert.Null(row["address.region"]);
        Assert.Equal("GB", row["address.country"]);
    }

    [Fact]
    public void ReadRows_GoogleCard_TypesAndFirstItemPrimary()
    {
        var row = Assert.Single(Read(Google));

        Assert.Equal("Grace", row["firstName"]);
        Assert.Equal("""[{"address":"grace@navy.example","type":"work","primary":true}]""", row["emails"]);
        Assert.Equal("""[{"number":"+1 202 555 0100","type":"mobile","primary":true}]""", row["phones"]);
        Assert.Equal("Arlington", row["address.city"]);
        Assert.Equal("VA", row["address.region"]);
        Assert.Equal("US", row["address.country"]);
    }

    [Fact]
    public void ReadRows_OutlookCard_QuotedPrintableSoftBreaksAndBareParameters()
    {
        var row = Assert.Single(Read(Outlook));

        Assert.Equal("Jürgen", row["firstName"]);
        Assert.Equal("Müller", row["lastName"]);
        Assert.Equal("Hauptstraße 1", row["address.street"]);
        Assert.Equal("Hinterhaus", row["address.line2"]);
        Assert.Equal("DE", row["address.country"]);
        Assert.Equal("Zeile eins\r\nZeile zwei mit Leerzeichen", row["description"]);
        Assert.Equal("""[{"address":"juergen@example.de","primary":true}]""", row["emails"]);
        var phones = Items(row, "phones");
        Assert.Equal(["work", "mobile", "fax"], phones.Select(p => p!["type"]!.GetValue<string>()));
        Assert.True(phones[1]!["primary"]!.GetValue<bool>());
    }

    [Fact]
    public void ReadRows_Latin1QuotedPrintable_DecodedByCharset()
    {
        var row = Assert.Single(Read("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\nEND:VCARD\r\n"));

        Assert.Equal("Müller", row["lastName"]);
        Assert.Equal("Jürgen", row["firstName"]);
    }

    [Fact]
    public void ReadRows_Version4Card_PrefNumbersTelUrisAndQuotedParameters()
    {
        var row = Assert.Single(Read(Version4));

        Assert.Equal("Kwame", row["firstName"]);
        Assert.Equal("""[{"address":"k@work.example","type":"work","primary":false},{"address":"k@home.example","type":"home","primary":true}]""", row["emails"]);
        Assert.Equal("""[{"number":"+233-30-123-4567","type":"mobile","primary":true},{"number":"+233-30-765-4321","type":"work","primary":false}]""", row["phones"]);
        Assert.Equal("1 Independence Ave", row["address.street"]);
        Assert.Equal("GH", row["address.country"]);
        Assert.Equal("1909-09-21", row["birthDate"]);
        Assert.Equal("urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", row["externalIds.vcard"]);
    }

    [Fact]
    public void ReadRows_ManyCardsWithLfEndings_OneRowEachWithBeginLine()
    {
        var rows = Read(Apple + Google + Outlook + Version4);

        Assert.Equal(4, rows.Count);
        Assert.Equal(["Lovelace", "Hopper", "Müller", "Nkrumah"], rows.Select(r => r["lastName"]));
        Assert.Equal(1, rows[0].Line);
        Assert.Equal(Apple.Split('\n').Length, rows[1].Line);
    }

    [Fact]
    public void ReadRows_CrlfAndTabFolding_Unfolded()
    {
        var row = Assert.Single(Read("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Love\r\n\tlace\r\nN:Love\r\n lace;Ada;;;\r\nEND:VCARD\r\n"));

        Assert.Equal("Lovelace", row["lastName"]);
    }

    [Fact]
    public void ReadRows_EscapedSeparatorsInStructuredValues_KeptInComponent()
    {
        var row = Assert.Single(Read("BEGIN:VCARD\nVERSION:4.0\nFN:x\nN:Smith\\; Jones;Ann\\, Marie;;;\nTITLE:CEO\\, Founder\\; Chair\nEND:VCARD\n"));

        Assert.Equal("Smith; Jones", row["lastName"]);
        Assert.Equal("Ann, Marie", row["firstName"]);
        Assert.Equal("CEO, Founder; Chair", row["title"]);
    }

    [Fact]
    public void ReadRows_NoNameProperty_SplitsFormattedName()
    {
        var row = Assert.Single(Read("BEGIN:VCARD\nVERSION:3.0\nFN:Ludwig van Beethoven\nEND:VCARD\n"));

        Assert.Equal("Ludwig van", row["firstName"]);
        Assert.Equal("Beethoven", row["lastName"]);
    }

    [Theory]
    [InlineData("BDAY:--1210", null)]
    [InlineData("BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-10", null)]
    [InlineData("BDAY:1815-12-10T00:00:00Z", "1815-12-10")]
    [InlineData("BDAY:sometime", "sometime")]
    public void ReadRows_BirthdayForms(string line, string? expected) =>
        Assert.Equal(expected, Read($"BEGIN:VCARD\nVERSION:4.0\nFN:A B\n{line}\nEND:VCARD\n")[0]["birthDate"]);

    [Fact]
    public void ReadRows_CardWithoutEnd_RowErrorAndReadingGoesOn()
    {
        var rows = Read("BEGIN:VCARD\nVERSION:3.0\nN:One;A;;;\nBEGIN:VCARD\nVERSION:3.0\nN:Two;B;;;\nEND:VCARD\nBEGIN:VCARD\nN:Three;C;;;\n");

        Assert.Equal(3, rows.Count);
        Assert.Equal((1L, "One"), (rows[0].Line, rows[0]["lastName"]));
        Assert.Contains("END:VCARD", rows[0].Error, StringComparison.Ordinal);
        Assert.Null(rows[1].Error);
        Assert.Equal(8, rows[2].Line);
        Assert.NotNull(rows[2].Error);
    }

    [Fact]
    public void ReadRows_LinesOutsideCard_RowErrorWithLine()
    {
        var rows = Read("BEGIN:VCARD\nN:One;A;;;\nEND:VCARD\nN:Stray;B;;;\nEMAIL:b@example.com\nEND:VCARD\nBEGIN:VCARD\nN:Two;C;;;\nEND:VCARD\n");

        Assert.Equal(3, rows.Count);
        Assert.Equal(4, rows[1].Line);
        Assert.Contains("BEGIN:VCARD", rows[1].Error, StringComparison.Ordinal);
        Assert.Null(rows[2].Error);
    }

    [Theory]
    [InlineData("name,email\nAda,ada@example.com\n")]
    [InlineData("{\"firstName\":\"Ada\"}")]
    [InlineData("")]
    [InlineData("BEGIN:VCALENDAR\nEND:VCALENDAR\n")]
    public void ReadRows_NotVCard_Throws(string text)
    {
        var ex = Assert.Throws<ImportFormatException>(() => Read(text));

        Assert.Contains("not a vCard", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_BinaryWithoutLineBreaks_ThrowsNotVCard()
    {
        var bytes = new byte[100_000];
        new Random(1).NextBytes(bytes);

        var ex = Assert.Throws<ImportFormatException>(() => Read(bytes));

        Assert.Contains("not a vCard", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_HugePhoto_SkippedWithoutCountingAgainstLimit()
    {
        var photo = new string('A', 200_000);
        var text = $"BEGIN:VCARD\nVERSION:3.0\nN:Big;Photo;;;\nPHOTO;ENCODING=b;TYPE=JPEG:{photo}\nEND:VCARD\n";

        var row = Assert.Single(Read(text, new FormatLimits { MaxRowChars = 1_000 }));

        Assert.Equal("Big", row["lastName"]);
    }

    [Fact]
    public void ReadRows_CardOverMaxChars_Throws()
    {
        var text = $"BEGIN:VCARD\nVERSION:3.0\nN:Big;Note;;;\nNOTE:{new string('x', 600)}\nNOTE:{new string('y', 600)}\nEND:VCARD\n";

        var ex = Assert.Throws<ImportFormatException>(() => Read(text, new FormatLimits { MaxRowChars = 1_000 }));

        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void ReadRows_Utf8ByteOrderMark_Ignored()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Google)).ToArray();

        Assert.Equal("Hopper", Assert.Single(Read(bytes))["lastName"]);
    }
}
