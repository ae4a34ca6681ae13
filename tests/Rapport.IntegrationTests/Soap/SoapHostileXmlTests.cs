using System.Net;
using System.Text;
using Rapport.IntegrationTests.Infrastructure;
using static Rapport.IntegrationTests.Soap.SoapCalls;

namespace Rapport.IntegrationTests.Soap;

/// <summary>Hostile or broken messages get a SOAP fault with a 4xx status, never a 500, and write nothing.</summary>
public sealed class SoapHostileXmlTests
{
    private const string Create = """<RetrieveContact xmlns="urn:rapport:soap:v1"><id>x</id></RetrieveContact>""";

    private static string Wrap(string body, string prolog = "") =>
        prolog + $"""<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{body}</s:Body></s:Envelope>""";

    public static TheoryData<string, string, int> HostileMessages() => new()
    {
        { "DTD with internal entity", Wrap("<CreateLead xmlns=\"urn:rapport:soap:v1\"><lead><lastName>&x;</lastName></lead></CreateLead>", "<!DOCTYPE e [<!ENTITY x \"boom\">]>"), 400 },
        { "XXE external entity", Wrap("<CreateLead xmlns=\"urn:rapport:soap:v1\"><lead><lastName>&x;</lastName></lead></CreateLead>", "<!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"), 400 },
        { "billion laughs", Wrap("<CreateLead xmlns=\"urn:rapport:soap:v1\"><lead><lastName>&l9;</lastName></lead></CreateLead>",
            "<!DOCTYPE l [<!ENTITY l0 \"ha\">" + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">")) + "]>"), 400 },
        { "deep nesting", Wrap(new StringBuilder().Insert(0, "<a>", 10_000).Append(new StringBuilder().Insert(0, "</a>", 10_000)).ToString()), 400 },
        { "huge attribute", Wrap($"<CreateLead xmlns=\"urn:rapport:soap:v1\" junk=\"{new string('A', 1_000_000)}\"><lead><lastName>x</lastName></lead></CreateLead>"), 400 },
        { "many elements", Wrap("<CreateLead xmlns=\"urn:rapport:soap:v1\"><lead>" + string.Concat(Enumerable.Repeat("<x/>", 150_000)) + "</lead></CreateLead>"), 400 },
        { "binary garbage", "\u0000\u0001\u00ff PK\u0003\u0004 \u0089PNG", 400 },
        { "not well-formed", Wrap("<CreateLead xmlns=\"urn:rapport:soap:v1\"><lead>"), 400 },
        { "not an envelope", "<CreateLead xmlns=\"urn:rapport:soap:v1\"><lead><lastName>x</lastName></lead></CreateLead>", 400 },
        { "envelope of another version", Create.Replace("RetrieveContact", "Envelope", StringComparison.Ordinal), 400 },
        { "two operations in the body", Wrap(Create + Create), 400 },
        { "too large", Wrap($"<CreateLead xmlns=\"urn:rapport:soap:v1\"><lead><lastName>{new string('x', 6 * 1024 * 1024)}</lastName></lead></CreateLead>"), 413 },
    };

    [Theory]
    [MemberData(nameof(HostileMessages))]
    public async Task Post_HostileMessage_SoapFaultNo500AndNothingWritten(string what, string body, int httpStatus)
    {
        await using var app = await RapportApp.StartSqliteAsync();
        var client = await app.ClientAsync();

        var answer = await client.PostSoapAsync(body);

        Assert.True((int)answer.Status == httpStatus, $"{what}: expected {httpStatus}, got {(int)answer.Status}: {answer.Document}");
        Assert.NotNull(answer.Problem);
        Assert.DoesNotContain("root:", answer.Document.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", answer.Document.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await client.CountAsync("leads"));
    }

    [Fact]
    public async Task Post_JsonContentType_Fault415()
    {
        await using var app = await RapportApp.StartSqliteAsync();
        var client = await app.ClientAsync();

        var answer = await client.PostSoapAsync(Wrap(Create), "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.NotNull(answer.Problem);
    }

    [Fact]
    public async Task Post_EmptyBody_SenderFault()
    {
        await using var app = await RapportApp.StartSqliteAsync();
        var client = await app.ClientAsync();

        var answer = await client.PostSoapAsync("");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("soap:Client", answer.FaultCode);
    }
}
