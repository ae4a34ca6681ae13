using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using Rapport.Api.Http;
using Rapport.Api.Metadata;
using Rapport.Api.Quality;
using Rapport.Api.Records;
using Rapport.Domain.Normalisation;

namespace Rapport.Api.Endpoints;

/// <summary>
/// An object's data quality settings. Normalisation: the default region and per-field rules every write
/// path applies (REST, batch, import, merge); matching: the threshold, comparison kinds and blocking rules
/// of duplicate detection. <c>GET</c> shows what is in effect.
/// </summary>
public static class QualitySettingsApi
{
    public static IEndpointRouteBuilder MapQualitySettingsApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/metadata/normalisation/{object}", Get).WithTags("Metadata").RequireAuthorization(Scopes.Read).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        app.MapPut("/api/v1/metadata/normalisation/{object}", Put).WithTags("Metadata").RequireAuthorization(Scopes.Admin).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        app.MapGet("/api/v1/metadata/matching/{object}", GetMatching).WithTags("Metadata").RequireAuthorization(Scopes.Read).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        app.MapPut("/api/v1/metadata/matching/{object}", PutMatching).WithTags("Metadata").RequireAuthorization(Scopes.Admin).AddEndpointFilter(AcceptFilter.RefuseUnacceptable);
        return app;
    }

    /// <summary>The matching settings and the features duplicate detection compares now, with their kinds.</summary>
    public static async Task<IResult> GetMatching(string @object, HttpContext ctx, QualitySettings quality, DuplicateService duplicates)
    {
        var def = RecordOperations.Resolve(@object);
        return new NodeResponse(await DescribeMatchingAsync(def, await quality.MatchingAsync(def, ctx.RequestAborted), duplicates, ctx.RequestAborted), 200, "matching");
    }

    public static async Task<IResult> PutMatching(string @object, HttpContext ctx, QualitySettings quality, DuplicateService duplicates)
    {
        var def = RecordOperations.Resolve(@object);
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        var settings = MatchingSettings.Parse(body);
        await duplicates.CheckSettingsAsync(def, settings, ctx.RequestAborted);
        await quality.SaveMatchingAsync(def, settings, ctx.RequestAborted);
        duplicates.Forget(def);
        return new NodeResponse(await DescribeMatchingAsync(def, settings, duplicates, ctx.RequestAborted), 200, "matching");
    }

    private static async Task<JsonObject> DescribeMatchingAsync(Domain.Metadata.ObjectDef def, MatchingSettings settings, DuplicateService duplicates, CancellationToken ct)
    {
        var json = settings.ToJson();
        var features = await duplicates.FeaturesAsync(def, ct);
        json["effective"] = new JsonObject(features.Fields.Select(f =>
            KeyValuePair.Create(f.Name, (JsonNode?)System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.Kind.ToString()))));
        return json;
    }

    public static async Task<IResult> Get(string @object, HttpContext ctx, SchemaRegistry schemas, QualitySettings quality)
    {
        var def = RecordOperations.Resolve(@object);
        var schema = await schemas.GetAsync(def, ctx.RequestAborted);
        return new NodeResponse(Describe(schema, await quality.NormalisationAsync(def, ctx.RequestAborted)), 200, "normalisation");
    }

    public static async Task<IResult> Put(string @object, HttpContext ctx, SchemaRegistry schemas, QualitySettings quality)
    {
        var def = RecordOperations.Resolve(@object);
        var schema = await schemas.GetAsync(def, ctx.RequestAborted);
        var body = await RequestBody.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        var settings = await quality.SaveNormalisationAsync(schema, body, ctx.RequestAborted);
        return new NodeResponse(Describe(schema, settings), 200, "normalisation");
    }

    private static JsonObject Describe(Domain.Metadata.ObjectSchema schema, NormalisationSettings settings)
    {
        var effective = new JsonObject();
        void Add(string path, Domain.Metadata.FieldDef field)
        {
            var rule = settings.Rules.TryGetValue(path, out var configured) ? configured
                : RecordNormaliser.DefaultRule(field, path, schema.Definition) is { } r ? NormalisationSettings.NameOf(r) : null;
            if (rule is not null) effective[path] = rule;
        }
        foreach (var field in schema.Definition.Fields)
        {
            if (field.ReadOnly) continue;
            if (field.Children is { } children) foreach (var child in children) Add($"{field.Name}.{child.Name}", child);
            else Add(field.Name, field);
        }
        foreach (var field in schema.CustomFields) Add("custom." + field.Name, field);
        var json = settings.ToJson();
        json["effective"] = effective;
        return json;
    }
}
