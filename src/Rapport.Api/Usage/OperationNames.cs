using System.Collections.Concurrent;
using Microsoft.AspNetCore.Routing;
using Rapport.Domain.Metadata;

namespace Rapport.Api.Usage;

/// <summary>
/// Names the operation of a request from its matched route: <c>GET /api/v1/contacts/{id}</c>. The generic
/// <c>{object}</c> segment is replaced by the object when it is a standard one, so the set of names stays
/// bounded whatever clients send; a request no route matched is <see cref="Unmatched"/>. Names are built once
/// per route, method and object and then looked up, so naming a request allocates nothing.
/// </summary>
public static class OperationNames
{
    /// <summary>The operation of requests that matched no route (404 before any handler).</summary>
    public const string Unmatched = "unmatched";

    private static readonly ConcurrentDictionary<(Endpoint Endpoint, string Method, string? Object), string> Names = new();

    /// <summary>Call before the rest of the pipeline runs: the exception handler clears the endpoint and route values.</summary>
    public static string Of(HttpContext ctx)
    {
        if (ctx.GetEndpoint() is not RouteEndpoint endpoint) return Unmatched;
        var method = ctx.Request.Method;
        var objectName = ctx.Request.RouteValues.TryGetValue("object", out var value) ? value as string : null;
        if (Names.TryGetValue((endpoint, method, objectName), out var name)) return name;
        var pattern = Pattern(endpoint);
        var def = objectName is null ? null : StandardObjects.Find(objectName);
        if (def is null || !pattern.Contains("{object}", StringComparison.Ordinal))
            return Names.GetOrAdd((endpoint, method, null), $"{method} {pattern}");
        var named = $"{method} {pattern.Replace("{object}", def.Name, StringComparison.Ordinal)}";
        // Only the exact spelling is remembered, so odd spellings cannot grow the cache; they are named all the same.
        return def.Name == objectName ? Names.GetOrAdd((endpoint, method, objectName), named) : named;
    }

    private static string Pattern(RouteEndpoint endpoint)
    {
        var raw = endpoint.RoutePattern.RawText ?? endpoint.DisplayName ?? "?";
        if (!raw.StartsWith('/')) raw = "/" + raw;
        return raw.Length > 1 ? raw.TrimEnd('/') : raw;
    }
}
