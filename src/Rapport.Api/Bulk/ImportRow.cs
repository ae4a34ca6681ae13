using System.Text.Json.Nodes;
using Rapport.Data.Changes;
using Rapport.Data.Quality;
using Rapport.Domain.Records;
using Rapport.Domain.Validation;
using Rapport.Integration.Formats;
using Rapport.Integration.Mapping;

namespace Rapport.Api.Bulk;

/// <summary>One source row on its way through a batch: mapped body, reasons it fails, and what it will do.</summary>
internal sealed class ImportRow(SourceRow source)
{
    public SourceRow Source { get; } = source;
    private JsonObject? _body = [];

    /// <summary>The mapped record body; gone after <see cref="ReleaseBody"/>.</summary>
    public JsonObject Body
    {
        get => _body ?? throw new InvalidOperationException("The row's body was released once the batch was prepared.");
        set => _body = value;
    }

    /// <summary>
    /// Drops the mapped body once the batch is prepared: the writer needs the prepared record only, and a
    /// prepared batch waiting for the writer would otherwise keep every row's JSON tree alive (and promoted by the GC).
    /// </summary>
    public void ReleaseBody() => _body = null;
    public List<RowReason> Reasons { get; } = [];

    /// <summary>Field path → the source column it came from, to point error reasons at the column a person can fix.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; set; } = Empty;

    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);

    /// <summary>System values carried by the file (a migration keeps ids and times); applied on create only.</summary>
    public Guid? Id { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public long? Version { get; set; }

    public List<RelationKey> Relations { get; } = [];

    public string? MatchKey { get; set; }
    public Record? Current { get; set; }
    public RowOutcome Outcome { get; set; }
    public Record? Prepared { get; set; }
    public ValidatedRecord? Validated { get; set; }

    /// <summary>A new record's change, built while the batch is prepared (on the other core when preparing ahead).</summary>
    public ChangeEntry? Change { get; set; }

    /// <summary>What normalisation changed in the record the row writes (created, updated or merged), built while preparing.</summary>
    public AuditEntry? Audit { get; set; }

    public bool Failed => Reasons.Count > 0;

    public void Fail(string? field, string message) =>
        Reasons.Add(new RowReason(field is null ? null : Columns.GetValueOrDefault(field) ?? ColumnFor(field), field, message));

    private string? ColumnFor(string field)
    {
        // emails[0].address → emails.address: validator paths index arrays, mapping paths do not.
        field = System.Text.RegularExpressions.Regex.Replace(field, @"\[\d+\]", "");
        if (Columns.TryGetValue(field, out var exact)) return exact;
        foreach (var (path, column) in Columns)
            if (field.StartsWith(path + ".", StringComparison.Ordinal) || path.StartsWith(field + ".", StringComparison.Ordinal)) return column;
        return null;
    }

    public RowError ToError() =>
        new(Source.Line, Reasons, Source.Columns.Select((c, i) => new KeyValuePair<string, string?>(c, i < Source.Values.Length ? Source.Values[i] : null)).ToList());
}

internal enum RowOutcome { None, Create, Update, Merge, Skip, Unchanged }
