namespace Rapport.Api.OpenApi;

/// <summary>The media types of contract §3's content negotiation, named once for every operation.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string MergePatch = "application/merge-patch+json";
    public const string Xml = "application/xml";
    public const string Csv = "text/csv";
    public const string ProblemJson = "application/problem+json";
    public const string ProblemXml = "application/problem+xml";
    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>Bodies a record call reads and writes: JSON by default, XML for XML-only middleware.</summary>
    public static readonly string[] Negotiated = [Json, Xml];

    /// <summary>Lists also answer as CSV, so a spreadsheet can open a page directly.</summary>
    public static readonly string[] List = [Json, Xml, Csv];

    /// <summary>A PATCH body is a JSON Merge Patch (RFC 7396); plain JSON and XML carry the same patch.</summary>
    public static readonly string[] Patch = [MergePatch, Json, Xml];
}
