namespace Rapport.Api.Usage;

/// <summary>
/// Lets an endpoint name what a request did for usage metrics when the route alone does not say it: the
/// SOAP endpoint's operation is inside the XML body (<c>"SOAP Retrieve contacts"</c>), and it may
/// authenticate a client itself (WS-Security) rather than through a bearer token.
/// </summary>
public static class UsageOperation
{
    /// <summary>The protocol of operations whose name starts with this prefix; all others are <c>rest</c>.</summary>
    public const string SoapPrefix = "SOAP ";

    /// <summary>
    /// Records this request under <paramref name="operation"/> (a bounded set of names: never ids or other
    /// values from the request) and, when given, for <paramref name="client"/> (a client id the endpoint has
    /// authenticated) instead of the route and the token's client. Later calls win.
    /// </summary>
    public static void Set(HttpContext ctx, string operation, string? client = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        var current = ctx.Features.Get<UsageOverride>();
        ctx.Features.Set(new UsageOverride(operation, client ?? current?.Client));
    }

    /// <summary>The protocol an operation name belongs to: <c>soap</c> or <c>rest</c>.</summary>
    public static string ProtocolOf(string operation) =>
        operation.StartsWith(SoapPrefix, StringComparison.Ordinal) ? "soap" : "rest";
}

/// <summary>What <see cref="UsageOperation.Set"/> stored for one request.</summary>
internal sealed record UsageOverride(string Operation, string? Client);
