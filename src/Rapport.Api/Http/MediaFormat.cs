using Microsoft.Net.Http.Headers;

namespace Rapport.Api.Http;

public enum MediaFormat { Json, Xml, Csv }

/// <summary>Content negotiation (contract §3): JSON by default, XML both ways, CSV for lists.</summary>
public static class Negotiation
{
    /// <summary>The response format the Accept header asks for, or null when nothing offered fits (406).</summary>
    public static MediaFormat? Accepted(HttpRequest request, bool csvAllowed)
    {
        var header = request.Headers.Accept;
        if (header.Count == 0) return MediaFormat.Json;
        if (!MediaTypeHeaderValue.TryParseList(header, out var values) || values.Count == 0) return MediaFormat.Json;
        MediaFormat? best = null;
        double bestQuality = -1;
        foreach (var value in values)
        {
            var quality = value.Quality ?? 1.0;
            if (quality <= 0 || quality <= bestQuality) continue;
            var format = FormatOf(value.MediaType.Value ?? "", csvAllowed);
            if (format is null) continue;
            best = format;
            bestQuality = quality;
        }
        return best;
    }

    /// <summary>The request body's format, or null when the Content-Type is not offered (415).</summary>
    public static MediaFormat? OfBody(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType)) return MediaFormat.Json;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)) return null;
        return (parsed.MediaType.Value ?? "").ToLowerInvariant() switch
        {
            "application/json" or "application/merge-patch+json" or "text/json" or "application/problem+json" => MediaFormat.Json,
            "application/xml" or "text/xml" => MediaFormat.Xml,
            _ => null,
        };
    }

    private static MediaFormat? FormatOf(string mediaType, bool csvAllowed) => mediaType.ToLowerInvariant() switch
    {
        "*/*" or "application/*" or "application/json" or "text/json" or "application/problem+json" or "application/merge-patch+json" => MediaFormat.Json,
        "application/xml" or "text/xml" or "application/problem+xml" => MediaFormat.Xml,
        "text/csv" when csvAllowed => MediaFormat.Csv,
        "text/*" => csvAllowed ? MediaFormat.Csv : null,
        _ => null,
    };
}
