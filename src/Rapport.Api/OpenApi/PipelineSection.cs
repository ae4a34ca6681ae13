using System.Text.Json.Nodes;
using Rapport.Api.Auth;
using static Rapport.Api.OpenApi.OpenApiJson;

namespace Rapport.Api.OpenApi;

/// <summary>The opportunity pipeline: the ordered stages that make up the <c>stage</c> picklist of opportunities.</summary>
internal static class PipelineSection
{
    public const int MaxStages = 50;

    public static void AddSchemas(ComponentSchemas components)
    {
        var stage = Object(new JsonObject
        {
            ["name"] = new JsonObject { ["type"] = "string", ["pattern"] = CustomFieldsSection.FieldNamePattern, ["maxLength"] = 64, ["description"] = "The value opportunities store in `stage`." },
            ["label"] = new JsonObject { ["type"] = "string", ["maxLength"] = 100, ["description"] = "Shown to people; the name when omitted." },
            ["probability"] = Integer("Chance of winning at this stage, in percent.", 0, 100),
            ["position"] = Integer("Order in the pipeline, from 1. On replace it is taken from the order of `stages`.", minimum: 1),
            ["isClosed"] = With(Boolean("The deal is over at this stage (won or lost); a won stage is always closed."), "default", false),
            ["isWon"] = With(Boolean("The deal is won at this stage."), "default", false),
        }, ["name", "probability"], "One stage of the pipeline.");
        stage["additionalProperties"] = false;
        components.Add("PipelineStage", stage);

        var stages = ArrayOf(SchemaRef("PipelineStage"), "The stages in order.");
        stages["minItems"] = 1;
        stages["maxItems"] = MaxStages;
        components.Add("Pipeline", Object(new JsonObject { ["stages"] = stages }, ["stages"]));
    }

    public static void AddPaths(JsonObject paths)
    {
        const string path = "/api/v1/metadata/pipeline";
        var pipeline = Content(SchemaRef("Pipeline"), MediaTypes.Negotiated);
        new OperationBuilder("getPipeline", Tags.Metadata, "Get the opportunity pipeline")
            .Scope(Scopes.Read)
            .Response(200, "The stages in order.", pipeline)
            .Problems(406)
            .AddTo(paths, path, "get");
        new OperationBuilder("replacePipeline", Tags.Metadata, "Replace the opportunity pipeline")
            .Describe("Sets every stage at once; the `stage` values of opportunities follow at once. " +
                      "Refused with 409 while live opportunities use a stage the new pipeline drops.")
            .Scope(Scopes.Admin)
            .Body(pipeline, "The new stages in order.")
            .Response(200, "The pipeline as stored.", pipeline)
            .Problems(400, 406, 409, 413, 415)
            .AddTo(paths, path, "put");
    }
}
