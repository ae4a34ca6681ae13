using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

/// <summary>One scan of 3,000 generated contacts shared by the tests of a class (a scan takes seconds).</summary>
public sealed class ScannedContacts
{
    public ScannedContacts()
    {
        (Table, Entities) = new ContactGenerator(7).Generate(3000);
        Config = MatchConfig.Default(ContactGenerator.Fields, Table);
        Result = new DuplicateScanner().Scan(Table, Config);
    }

    public MatchTable Table { get; }

    public int[] Entities { get; }

    public MatchConfig Config { get; }

    public ScanResult Result { get; }

    /// <summary>The values of one row, in the table's field order.</summary>
    public string?[] Row(int row) => Enumerable.Range(0, Table.Fields.Count).Select(f => Table.Value(row, f)).ToArray();
}
