using System.Text;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace Rapport.Api.OpenApi;

/// <summary>
/// Settings of the browsable docs at <c>/docs</c> (Swagger UI, assets embedded in the package, so
/// it works offline). The page is served at <c>/docs</c> itself rather than through a redirect, so
/// its relative asset links get a <c>&lt;base&gt;</c> pointing into <c>/docs/</c>.
/// </summary>
public static class DocsUi
{
    public const string RoutePrefix = "docs";
    public const string DocumentUrl = "/openapi/v1.json";
    public const string Title = "Rapport API";

    public static void Configure(SwaggerUIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RoutePrefix = RoutePrefix;
        options.DocumentTitle = Title;
        options.SwaggerEndpoint(DocumentUrl, Title);
        options.DisplayOperationId();
        options.EnableDeepLinking();
        options.ConfigObject.DefaultModelsExpandDepth = 0;
        var original = options.IndexStream;
        options.IndexStream = () => WithBase(original());
    }

    private static MemoryStream WithBase(Stream index)
    {
        using var reader = new StreamReader(index, Encoding.UTF8);
        var html = reader.ReadToEnd();
        var at = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        if (at >= 0) html = html.Insert(at + "<head>".Length, $"\n    <base href=\"/{RoutePrefix}/\">");
        return new MemoryStream(Encoding.UTF8.GetBytes(html));
    }
}
