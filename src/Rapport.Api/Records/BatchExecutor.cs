using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Api.Auth;
using Rapport.Api.Errors;
using Rapport.Api.Infrastructure;
using Rapport.Data.Sql;

namespace Rapport.Api.Records;

/// <summary>
/// Runs batch operations through the same <see cref="RecordOperations"/> as the REST endpoints.
/// Atomic batches share one transaction and stop at the first failure; the others commit one by one.
/// </summary>
public sealed class BatchExecutor(Database database, RecordOperations ops)
{
    public async Task<JsonObject> RunAsync(bool atomic, IReadOnlyList<BatchOperation> operations, Actor actor, string traceId, CancellationToken ct)
    {
        var results = new JsonObject?[operations.Count];
        var committed = true;
        if (atomic)
        {
            try
            {
                await database.WriteAsync(async (s, c) =>
                {
                    foreach (var op in operations)
                    {
                        var (status, body) = await RunOneAsync(s, op, actor, traceId, c);
                        results[op.Index] = Entry(status, body);
                        if (status >= 400) throw new AtomicBatchFailed(op.Index);
                    }
                    return true;
                }, ct);
            }
            catch (AtomicBatchFailed failure)
            {
                committed = false;
                for (var i = 0; i < results.Length; i++)
                {
                    if (i == failure.Index) continue;
                    results[i] = Entry(424, new Problem(424, "Failed Dependency",
                        $"Not applied: operation {failure.Index} failed and the batch is atomic, so nothing was written.").ToJson(traceId));
                }
            }
        }
        else
        {
            foreach (var op in operations)
            {
                // A failed operation throws inside its own transaction, so whatever it wrote is rolled back.
                try
                {
                    var result = await database.WriteAsync(async (s, c) => await DispatchAsync(s, op, actor, c), ct);
                    results[op.Index] = Entry(result.Status, result.ToJson());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var problem = Problem.From(e);
                    results[op.Index] = Entry(problem.Status, problem.ToJson(traceId));
                }
            }
        }
        return new JsonObject { ["results"] = new JsonArray(results.Select(r => (JsonNode?)r).ToArray()), ["committed"] = committed };
    }

    private sealed class AtomicBatchFailed(int index) : Exception($"Batch operation {index} failed.")
    {
        public int Index { get; } = index;
    }

    private static JsonObject Entry(int status, JsonNode? body) => new() { ["status"] = status, ["body"] = body };

    private async Task<(int Status, JsonNode? Body)> RunOneAsync(DbSession s, BatchOperation op, Actor actor, string traceId, CancellationToken ct)
    {
        try
        {
            var result = await DispatchAsync(s, op, actor, ct);
            var body = result.ToJson();
            return (result.Status, body);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var problem = Problem.From(e);
            return (problem.Status, problem.ToJson(traceId));
        }
    }

    private async Task<OperationResult> DispatchAsync(DbSession s, BatchOperation op, Actor actor, CancellationToken ct)
    {
        var path = op.Path.StartsWith("/api/v1/", StringComparison.Ordinal) ? op.Path[8..] : op.Path.TrimStart('/');
        var parts = path.Split('/');
        var needs = op.Method == "GET" ? Scopes.Read : Scopes.Write;
        if (!actor.Scopes.Contains(needs)) throw new ApiException(403, "Forbidden", $"This operation needs the scope '{needs}'.");
        var def = RecordOperations.Resolve(parts[0]);
        JsonObject Body() => op.Body as JsonObject ?? throw ApiException.BadRequest("body", "must be a JSON object");
        long? IfMatch() => RecordOperations.ParseIfMatch(op.Headers.GetValueOrDefault("If-Match"));
        switch (op.Method, parts.Length)
        {
            case ("GET", 1):
                var query = QueryHelpers.ParseQuery(op.Query).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")));
                return await ops.ListAsync(s, def, query, ct);
            case ("GET", 2): return await ops.GetAsync(s, def, RecordOperations.ParseId(def, parts[1]), ct);
            case ("POST", 1): return await ops.CreateAsync(s, def, Body(), actor, op.Headers.GetValueOrDefault("Idempotency-Key"), ct);
            case ("PATCH", 2): return await ops.PatchAsync(s, def, RecordOperations.ParseId(def, parts[1]), Body(), IfMatch(), actor, ct);
            case ("DELETE", 2): return await ops.DeleteAsync(s, def, RecordOperations.ParseId(def, parts[1]), IfMatch(), actor, ct);
            case ("POST", 3) when parts[2] == "restore": return await ops.RestoreAsync(s, def, RecordOperations.ParseId(def, parts[1]), actor, ct);
            case ("PUT", 4) when parts[1] == "external":
                return await ops.UpsertAsync(s, def, Uri.UnescapeDataString(parts[2]), Uri.UnescapeDataString(parts[3]), Body(), actor, ct);
            default:
                throw ApiException.NotFound($"Batch operations cover the record calls; {op.Method} {op.Path} is not one of them.");
        }
    }
}
