using Rapport.Integration.Formats;

namespace Rapport.UnitTests.Formats;

/// <summary>Compares the cells of a <see cref="SourceRow"/>, nulls included.</summary>
internal static class RowAssert
{
    public static void Values(IEnumerable<string?> expected, SourceRow row) => Assert.Equal(expected, row.Values.AsEnumerable());

    public static void Values(IEnumerable<string?> expected, IEnumerable<string?> actual) => Assert.Equal(expected, actual);
}
