using System.Net;
using System.Text.Json.Nodes;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Checks that an error is an RFC 9457 problem (contract §3): the right status, every member, no stack trace.</summary>
public static class ProblemAssert
{
    /// <summary>
    /// Asserts <paramref name="status"/>, <c>application/problem+json</c>, the members type, title, status,
    /// detail and traceId, no stack trace, and when given, an <c>errors</c> entry for <paramref name="errorField"/>.
    /// </summary>
    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? errorField = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        NoStackTrace(text);
        var problem = JsonNode.Parse(text)!.AsObject();
        foreach (var member in new[] { "type", "title", "detail", "traceId" })
            Assert.False(string.IsNullOrWhiteSpace(problem[member]?.GetValue<string>()), $"problem member '{member}' is missing: {text}");
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        if (errorField is not null)
        {
            var errors = problem["errors"] as JsonObject;
            Assert.True(errors is not null && errors.ContainsKey(errorField), $"problem does not name '{errorField}' in errors: {text}");
            Assert.NotEmpty(errors![errorField]!.AsArray());
        }
        return problem;
    }

    /// <summary>No .NET stack frame and no exception type name may reach a client.</summary>
    public static void NoStackTrace(string body)
    {
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}
