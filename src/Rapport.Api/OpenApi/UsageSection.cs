using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Endpoints;
using Rapport.Api.Usage;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary><c>GET /api/v1/usage</c> (calls, errors and latency per day, client and operation) and <c>GET /metrics</c> (Prometheus).</summary>
internal static class UsageSection
{
    public static void AddSchemas(ComponentSchemas components)
    {
        components.Add("UsageDay", Object(new JsonObject
        {
            ["day"] = String("The UTC day.", "date"),
            ["clientId"] = String("The API client (`anonymous` for calls without a valid token)."),
            ["protocol"] = Enum(["rest", "soap"]),
            ["operation"] = String("`METHOD route` for REST (`GET /api/v1/contacts/{id}`, the object named), `SOAP <operation> <object>` for SOAP, `unmatched` for requests no route matched."),
            ["calls"] = Integer(),
            ["errors"] = Integer("Calls answered with a status of 400 or above (server errors included)."),
            ["serverErrors"] = Integer("Calls answered with a status of 500 or above."),
            ["meanMs"] = Milliseconds("Mean duration."),
            ["p50Ms"] = Milliseconds("Median duration, estimated from latency bands (see below)."),
            ["p95Ms"] = Milliseconds("95th percentile, estimated."),
            ["p99Ms"] = Milliseconds("99th percentile, estimated."),
        }, ["day", "clientId", "protocol", "operation", "calls", "errors", "serverErrors", "meanMs", "p50Ms", "p95Ms", "p99Ms"]));
        components.Add("UsageReport", Object(new JsonObject
        {
            ["from"] = String(null, "date"),
            ["to"] = String(null, "date"),
            ["clientId"] = Nullable(String("The client shown; null: every client.")),
            ["data"] = ArrayOf(SchemaRef("UsageDay"), "One entry per day, client, protocol and operation with calls, by day, then client, protocol and operation."),
        }, ["from", "to", "clientId", "data"]));
    }

    public static void AddPaths(JsonObject paths)
    {
        new OperationBuilder("getUsage", Tags.Usage, "Read API usage per day and operation")
            .Describe("Calls, errors and latency per UTC day, client, protocol (REST and SOAP) and operation. Any client sees its own usage; " +
                      "with `crm.admin` every client's (no `clientId`) or one chosen client's. Each server adds its counts to the database every " +
                      $"{UsageFlusher.Interval.TotalSeconds:0} s and on shutdown; the server answering adds what it has not stored yet, so a call made a moment " +
                      "ago is included (other servers' last seconds are not). Percentiles are estimates: durations are counted in bands with the bounds " +
                      $"{string.Join(", ", LatencyBuckets.UpperBoundsSeconds.Select(s => Math.Round(s * 1000, 3) + " ms"))}, and a percentile is interpolated linearly inside its band (as Prometheus' `histogram_quantile`); beyond 10 s it is 10 s.")
            .Scope(Scopes.All.ToArray())
            .Parameter(SharedParameters.Query("clientId", String(), "The client whose usage to show (default: the caller's; with `crm.admin`: every client)."))
            .Parameter(SharedParameters.Query("from", String(null, "date"), $"First UTC day (default: {UsageApi.DefaultDays - 1} days before `to`)."))
            .Parameter(SharedParameters.Query("to", String(null, "date"), $"Last UTC day, included (default: today). At most {UsageApi.MaxDays} days from `from`."))
            .Parameter(SharedParameters.Query("operation", String(), "Only this operation, e.g. `GET /api/v1/contacts/{id}`."))
            .Response(200, "The usage.", Content(SchemaRef("UsageReport"), MediaTypes.Negotiated))
            .Problems(400, 406)
            .AddTo(paths, "/api/v1/usage", "get");
        new OperationBuilder("getMetrics", Tags.Metrics, "Prometheus metrics")
            .Describe("The Prometheus text exposition format 0.0.4, without a token (like the health probes; keep it on an internal network): " +
                      "`rapport_http_requests_total` by protocol, operation, method, status and client and `rapport_http_request_duration_seconds` by " +
                      "protocol, operation and method (this process since it started); the database figures shared by all servers, read at most every " +
                      $"{DatabaseFigures.MaxAge.TotalSeconds:0} s: `rapport_db_info`, `rapport_db_up`, `rapport_change_feed_last_seq`, `rapport_change_consumer_position` and `_lag`, " +
                      "`rapport_webhook_subscriptions`, `rapport_webhook_deliveries` and `rapport_jobs`.")
            .Anonymous()
            .Response(200, "The metrics.", Content(String(), PrometheusText.ContentType))
            .AddTo(paths, "/metrics", "get");
    }

    private static JsonObject Milliseconds(string description) =>
        new() { ["type"] = "number", ["nullable"] = true, ["description"] = description + " In milliseconds." };
}
