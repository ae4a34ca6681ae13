using Rapport.Api.Errors;
using Rapport.Api.Soap;
using Rapport.Domain.Validation;

namespace Rapport.UnitTests.Soap;

public sealed class SoapFaultTests
{
    [Fact]
    public void From_ValidationException_SenderFaultWithTheFieldErrors()
    {
        var fault = SoapFaultException.From(new ValidationException(new Dictionary<string, string[]> { ["lastName"] = ["is required"] }));

        Assert.Equal(SoapFaultCode.Sender, fault.Code);
        Assert.Equal(400, fault.Problem.Status);
        Assert.Equal(["is required"], fault.Problem.Errors!["lastName"]);
    }

    [Fact]
    public void From_UnexpectedException_ReceiverFaultWithoutItsMessage()
    {
        var fault = SoapFaultException.From(new InvalidOperationException("connection string with password=secret"));

        Assert.Equal(SoapFaultCode.Receiver, fault.Code);
        Assert.DoesNotContain("secret", fault.Problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SoapVersion.Soap11, 500)]
    [InlineData(SoapVersion.Soap12, 400)]
    public void HttpStatus_ProcessingSenderFault_ByVersion(SoapVersion version, int expected)
    {
        var fault = SoapFaultException.From(ApiException.NotFound("No contact."));

        Assert.Equal(expected, fault.HttpStatus(version));
    }

    [Theory]
    [InlineData(SoapVersion.Soap11)]
    [InlineData(SoapVersion.Soap12)]
    public void HttpStatus_MalformedOrUnauthenticated_HttpMeaningInBothVersions(SoapVersion version)
    {
        Assert.Equal(400, SoapFaultException.Refused("not XML", "Envelope").HttpStatus(version));
        Assert.Equal(413, SoapFaultException.Refused("too big", "Envelope", 413).HttpStatus(version));
        Assert.Equal(401, SoapFaultException.Sender("who are you", status: 401).HttpStatus(version));
        Assert.Equal(500, SoapFaultException.From(new InvalidOperationException()).HttpStatus(version));
    }
}
