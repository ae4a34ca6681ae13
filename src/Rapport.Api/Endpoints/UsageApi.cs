using System.Globalization;
using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Errors;
using Rapport.Api.Http;
using Rapport.Api.Infrastructure;
using Rapport.Api.Usage;
using Rapport.Data.Usage;
using Rapport.Domain.Records;

namespace Rapport.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/usage</c>: calls, errors and latency percentiles per UTC day, client, protocol (REST and SOAP)
/// and operation. Every client may see its own usage; with crm.admin, every client's or one chosen client's.
/// </summary>
public static class UsageApi
{
    /// <summary>The longest range one call may ask for, in days (both ends included).</summary>
    public const int MaxDays = 366;

    /// <summary>Days shown when <c>from</c> is not given: the 30 days up to <c>to</c>.</summary>
    public const int DefaultDays = 30;

    public static IEndpointRouteBuilder MapUsageApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/usage", GetUsage).WithTags("Usage").RequireAuthorization().AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        return app;
    }

    /// <summary>
    /// Stored counts (added by every server every few seconds) plus what this server recorded and has not added
    /// yet, so a call made a moment ago shows up here. Percentiles are estimated from latency bands.
    /// </summary>
    public static async Task<IResult> GetUsage(HttpContext ctx, Database db, UsageFlusher flusher)
    {
        var q = ctx.Request.Query;
        foreach (var key in q.Keys)
            if (key is not ("clientId" or "from" or "to" or "operation"))
                throw ApiException.BadRequest(key, "is not a parameter of the usage report; it takes clientId, from, to and operation");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var to = ParseDay(q["to"], "to") ?? today;
        var from = ParseDay(q["from"], "from") ?? to.AddDays(1 - DefaultDays);
        if (from > to) throw ApiException.BadRequest("from", "must not be after to");
        if (to.DayNumber - from.DayNumber + 1 > MaxDays) throw ApiException.BadRequest("from", $"must be at most {MaxDays} days before to (both included)");
        var operation = string.IsNullOrWhiteSpace(q["operation"]) ? null : q["operation"].ToString();
        var clientId = ClientOf(HttpActor.From(ctx.User), string.IsNullOrWhiteSpace(q["clientId"]) ? null : q["clientId"].ToString());

        var found = await flusher.ReadWithPendingAsync(async c =>
        {
            await using var s = await db.ReadAsync(c);
            return await ApiUsageStore.ReadAsync(s, from, to, clientId, operation, c);
        }, ctx.RequestAborted);
        var rows = found.Where(r => r.Day >= from && r.Day <= to && (clientId is null || r.ClientId == clientId) && (operation is null || r.Operation == operation))
            .GroupBy(r => (r.Day, r.ClientId, r.Protocol, r.Operation))
            .Select(g => g.Aggregate(UsageRows.Sum))
            .OrderBy(r => r.Day).ThenBy(r => r.ClientId, StringComparer.Ordinal).ThenBy(r => r.Protocol, StringComparer.Ordinal).ThenBy(r => r.Operation, StringComparer.Ordinal);
        return new NodeResponse(new JsonObject
        {
            ["from"] = Timestamps.ToText(from),
            ["to"] = Timestamps.ToText(to),
            ["clientId"] = clientId,
            ["data"] = new JsonArray([.. rows.Select(r => (JsonNode?)Json(r))]),
        }, 200, "usage");
    }

    /// <summary>Whose usage to show: null for every client (crm.admin only).</summary>
    private static string? ClientOf(Actor actor, string? asked)
    {
        if (actor.Scopes.Contains(Scopes.Admin) || asked == actor.ClientId) return asked;
        if (asked is null) return actor.ClientId;
        throw new ApiException(403, "Forbidden", "A client sees its own usage only; another client's needs the scope 'crm.admin'.");
    }

    private static DateOnly? ParseDay(string? text, string name)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return DateOnly.TryParseExact(text, Timestamps.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw ApiException.BadRequest(name, "must be a date as yyyy-MM-dd (UTC days)");
    }

    private static JsonObject Json(UsageDay r) => new()
    {
        ["day"] = Timestamps.ToText(r.Day),
        ["clientId"] = r.ClientId,
        ["protocol"] = r.Protocol,
        ["operation"] = r.Operation,
        ["calls"] = r.Calls,
        ["errors"] = r.Errors,
        ["serverErrors"] = r.ServerErrors,
        ["meanMs"] = r.Calls == 0 ? null : Math.Round(r.DurationMicroseconds / 1000.0 / r.Calls, 3),
        ["p50Ms"] = Milliseconds(LatencyBuckets.Quantile(0.50, r.Buckets)),
        ["p95Ms"] = Milliseconds(LatencyBuckets.Quantile(0.95, r.Buckets)),
        ["p99Ms"] = Milliseconds(LatencyBuckets.Quantile(0.99, r.Buckets)),
    };

    private static double? Milliseconds(double? seconds) => seconds is { } s ? Math.Round(s * 1000, 3) : null;
}
