using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

/// <summary>
/// Loads a FEBRL data set (tests/data/febrl, copied next to the tests) mapped the way the contacts
/// import maps it: the street number joins the street line, and the date of birth and social security
/// number become text custom fields, as an admin would configure columns holding invalid dates and
/// digit strings. rec_id becomes the truth (its N), never a feature.
/// </summary>
internal static class FebrlData
{
    public static readonly MatchField[] Fields =
    [
        new("firstName", MatchKind.Name),
        new("lastName", MatchKind.Name),
        new("street", MatchKind.Street),
        new("line2", MatchKind.Text),
        new("city", MatchKind.Text),
        new("postalCode", MatchKind.Postcode),
        new("region", MatchKind.Text),
        new("dateOfBirth", MatchKind.Text),
        new("socSecId", MatchKind.Text),
    ];

    public static (MatchTable Table, string[] Entities) Load(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "febrl", file));
        var table = new MatchTable(Fields, lines.Length);
        var entities = new List<string>();
        var values = new string?[Fields.Length];
        foreach (var line in lines.Skip(1))
        {
            var c = line.Split(',').Select(v => v.Trim()).ToArray();
            values[0] = c[1];
            values[1] = c[2];
            values[2] = $"{c[3]} {c[4]}".Trim();
            values[3] = c[5];
            values[4] = c[6];
            values[5] = c[7];
            values[6] = c[8];
            values[7] = c[9];
            values[8] = c[10];
            table.Add(Guid.NewGuid(), values);
            entities.Add(c[0].Split('-')[1]);
        }
        return (table, entities.ToArray());
    }
}
