using Rapport.Data;

namespace Rapport.IntegrationTests.Schema;

public sealed class DatabaseTargetTests
{
    [Theory]
    [InlineData("sqlite::memory:", ":memory:")]
    [InlineData("sqlite:./data/rapport.db", "./data/rapport.db")]
    [InlineData("Data Source=/tmp/x.db", "/tmp/x.db")]
    [InlineData("sqlite:Data Source=/tmp/y.db", "/tmp/y.db")]
    public void Parse_Sqlite(string value, string dataSource)
    {
        var target = DatabaseTarget.Parse(value);
        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.Contains($"Data Source={dataSource}", target.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SqlitePath_EnablesPoolingAndKnowsTheFile()
    {
        var target = DatabaseTarget.Parse("sqlite:/var/lib/rapport/rapport.db");
        Assert.Contains("Pooling=True", target.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/var/lib/rapport/rapport.db", target.SqliteFilePath);
        Assert.Null(DatabaseTarget.Parse("sqlite::memory:").SqliteFilePath);
    }

    [Theory]
    [InlineData("postgres:Host=localhost;Database=rapport;Username=u;Password=secret")]
    [InlineData("postgresql:Host=db;Port=5433")]
    public void Parse_Postgres(string value)
    {
        var target = DatabaseTarget.Parse(value);
        Assert.Equal(DatabaseProvider.Postgres, target.Provider);
        Assert.Contains("Host=", target.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", target.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sqlite:")]
    [InlineData("postgres:")]
    [InlineData("postgres:not a connection string")]
    [InlineData("mysql:Server=x")]
    [InlineData("./rapport.db")]
    public void Parse_Invalid_ThrowsFormatException(string value)
    {
        var ex = Assert.Throws<FormatException>(() => DatabaseTarget.Parse(value));
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Default_IsSqliteFileInWorkingDirectory()
    {
        Assert.Equal(DatabaseProvider.Sqlite, DatabaseTarget.Default.Provider);
        Assert.Equal("./rapport.db", DatabaseTarget.Default.SqliteFilePath);
    }
}
