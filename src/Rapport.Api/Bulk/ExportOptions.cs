using System.Text.Json;

namespace Rapport.Api.Bulk;

/// <summary>What an export job writes: the list filters of contract §3 (<c>field=value</c>, <c>field[op]=value</c>, <c>sort</c>, <c>fields</c>, <c>q</c>).</summary>
public sealed record ExportOptions
{
    public List<KeyValuePair<string, string>> Query { get; init; } = [];
    public string? Sheet { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ImportOptions.SerializerOptions);

    public static ExportOptions FromJson(string json) => JsonSerializer.Deserialize<ExportOptions>(json, ImportOptions.SerializerOptions) ?? new ExportOptions();
}
