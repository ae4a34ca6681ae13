using Rapport.Api.Errors;
using Rapport.Domain.Validation;

namespace Rapport.UnitTests.ProblemDetails;

public class ProblemTests
{
    [Fact]
    public void From_PostgresUniqueViolation_Is409NotA500()
    {
        var problem = Problem.From(new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505"));

        Assert.Equal(409, problem.Status);
    }

    [Fact]
    public void From_SqliteUniqueViolation_Is409NotA500()
    {
        var problem = Problem.From(new Microsoft.Data.Sqlite.SqliteException("UNIQUE constraint failed", 19, 2067));

        Assert.Equal(409, problem.Status);
    }

    [Fact]
    public void From_UnexpectedException_Is500WithoutItsMessage()
    {
        var problem = Problem.From(new InvalidOperationException("secret connection string Password=hunter2"));

        Assert.Equal(500, problem.Status);
        Assert.DoesNotContain("hunter2", problem.ToJson("t").ToJsonString());
    }

    [Fact]
    public void From_ValidationException_Is400WithTheFieldErrors()
    {
        var problem = Problem.From(ValidationException.For("emails[0].address", "must be a valid email address"));

        Assert.Equal(400, problem.Status);
        Assert.Equal("must be a valid email address", problem.ToJson("t")["errors"]!["emails[0].address"]![0]!.GetValue<string>());
    }
}
