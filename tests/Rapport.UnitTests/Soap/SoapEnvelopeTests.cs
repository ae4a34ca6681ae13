using System.Text;
using Rapport.Api.Soap;

namespace Rapport.UnitTests.Soap;

public sealed class SoapEnvelopeTests
{
    private static SoapEnvelope Read(string xml) => SoapEnvelope.Read(Encoding.UTF8.GetBytes(xml));

    [Theory]
    [InlineData("http://schemas.xmlsoap.org/soap/envelope/", SoapVersion.Soap11)]
    [InlineData("http://www.w3.org/2003/05/soap-envelope", SoapVersion.Soap12)]
    public void Read_EnvelopeNamespace_GivesTheVersion(string ns, SoapVersion version)
    {
        var envelope = Read($"""<e:Envelope xmlns:e="{ns}"><e:Header><h xmlns="urn:x"/></e:Header><e:Body><DescribeContact xmlns="urn:rapport:soap:v1"/></e:Body></e:Envelope>""");

        Assert.Equal(version, envelope.Version);
        Assert.Equal("DescribeContact", envelope.Operation.Name.LocalName);
        Assert.Single(envelope.Headers);
    }

    [Fact]
    public void Read_UnknownEnvelopeNamespace_VersionMismatch()
    {
        var fault = Assert.Throws<SoapFaultException>(() => Read("""<Envelope xmlns="urn:other"><Body/></Envelope>"""));

        Assert.Equal(SoapFaultCode.VersionMismatch, fault.Code);
    }

    [Theory]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"x\">]><x/>", "DTD")]
    [InlineData("<a", "well-formed")]
    public void Read_BadXml_SenderFault(string xml, string expected)
    {
        var fault = Assert.Throws<SoapFaultException>(() => Read(xml));

        Assert.Equal(SoapFaultCode.Sender, fault.Code);
        Assert.Contains(expected, fault.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NestingBeyondTheLimit_RefusedWithThePosition()
    {
        var xml = string.Concat(Enumerable.Repeat("<a>", SoapEnvelope.MaxDepth + 1)) + string.Concat(Enumerable.Repeat("</a>", SoapEnvelope.MaxDepth + 1));

        var fault = Assert.Throws<SoapFaultException>(() => Read(xml));

        Assert.Contains($"deeper than {SoapEnvelope.MaxDepth}", fault.Problem.Detail, StringComparison.Ordinal);
    }
}
