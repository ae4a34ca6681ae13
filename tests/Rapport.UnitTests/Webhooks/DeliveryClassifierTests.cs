using System.Net;
using Rapport.Integration.Webhooks;

namespace Rapport.UnitTests.Webhooks;

public class DeliveryClassifierTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(204)]
    [InlineData(299)]
    public void Classify_2xx_Delivered(int status)
    {
        Assert.Equal(DeliveryOutcome.Delivered, DeliveryClassifier.Classify((HttpStatusCode)status));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Classify_RedirectOrError_Retry(int status)
    {
        Assert.Equal(DeliveryOutcome.Retry, DeliveryClassifier.Classify((HttpStatusCode)status));
    }

    [Fact]
    public void Classify_410Gone_EndpointGone()
    {
        Assert.Equal(DeliveryOutcome.EndpointGone, DeliveryClassifier.Classify(HttpStatusCode.Gone));
    }
}
