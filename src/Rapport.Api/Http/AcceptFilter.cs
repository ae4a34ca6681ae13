using Rapport.Api.Errors;

namespace Rapport.Api.Http;

/// <summary>
/// Answers 406 before a handler runs, so a request whose response format cannot be produced never
/// writes anything (a client retrying after a 406 must not create a duplicate).
/// </summary>
public static class AcceptFilter
{
    public static async ValueTask<object?> RefuseUnacceptable(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (Negotiation.Accepted(request, csvAllowed: HttpMethods.IsGet(request.Method)) is null)
        {
            var offered = HttpMethods.IsGet(request.Method) ? "application/json, application/xml, text/csv (lists)" : "application/json, application/xml";
            throw new ApiException(406, "Not Acceptable", $"This call can answer in: {offered}.");
        }
        return await next(context);
    }
}
