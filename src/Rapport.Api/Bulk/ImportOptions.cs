using System.Text.Json;
using System.Text.Json.Serialization;
using Rapport.Domain.Metadata;
using Rapport.Integration.Formats;

namespace Rapport.Api.Bulk;

/// <summary>What an import job does with its file (contract §5); stored with the job so a resume runs it the same way.</summary>
public sealed record ImportOptions
{
    public string? Mapping { get; init; }

    /// <summary>Which existing record a row updates: <c>id</c>, <c>externalIds.&lt;system&gt;</c>, <c>email</c>, <c>domain</c> (or another key field). Without it rows only create.</summary>
    public string? MatchOn { get; init; }

    /// <summary><c>skip</c>, <c>update</c> (overwrite with the row's values) or <c>merge</c> (fill only the fields the record lacks).</summary>
    public string OnDuplicate { get; init; } = DuplicateAction.Skip;

    public bool DryRun { get; init; }
    public string? Encoding { get; init; }
    public string? Delimiter { get; init; }
    public string? Sheet { get; init; }
    public int BatchSize { get; init; } = 1000;

    /// <summary>How to read the file: the encoding and delimiter options resolved; a bad value throws <see cref="FormatException"/> naming the option.</summary>
    public RowReaderOptions ReaderOptions(ObjectSchema schema)
    {
        System.Text.Encoding? encoding = null;
        if (Encoding is { Length: > 0 } name)
        {
            System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
            try { encoding = System.Text.Encoding.GetEncoding(name); }
            catch (ArgumentException) { throw new FormatException("encoding: unknown encoding '" + name + "' (use e.g. utf-8, utf-16, windows-1252, iso-8859-1)"); }
        }
        char? delimiter = Delimiter switch
        {
            null or "" => null,
            "tab" or "\\t" or "\t" => '\t',
            { Length: 1 } d when d[0] is ',' or ';' or '\t' or '|' or ':' => d[0],
            _ => throw new FormatException("delimiter: use one of , ; | : or tab"),
        };
        return new RowReaderOptions { Encoding = encoding, Delimiter = delimiter, SheetName = Sheet, Schema = schema };
    }

    public string ToJson() => JsonSerializer.Serialize(this, SerializerOptions);

    public static ImportOptions FromJson(string json) => JsonSerializer.Deserialize<ImportOptions>(json, SerializerOptions) ?? new ImportOptions();

    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public static class DuplicateAction
{
    public const string Skip = "skip";
    public const string Update = "update";
    public const string Merge = "merge";

    public static bool IsValid(string value) => value is Skip or Update or Merge;
}
