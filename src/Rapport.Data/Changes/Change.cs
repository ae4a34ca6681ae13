namespace Rapport.Data.Changes;

/// <summary>What happened to a record (contract §4: the <c>op</c> of a change).</summary>
public static class ChangeOps
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Merged = "merged";
    public const string Restored = "restored";
}

/// <summary>
/// A change to be recorded, in the transaction that makes it: the record as it is after the change
/// (API JSON), the API names of the fields that changed, who acted, and for a merged record the
/// survivor it was merged into.
/// </summary>
public sealed record ChangeEntry(string Object, Guid RecordId, string Op, DateTime At, long Version,
    string ClientId, Guid? UserId, string ChangedFieldsJson, string RecordJson, Guid? MergedInto = null);

/// <summary>A recorded change with its place in the feed (<c>seq</c>, commit order).</summary>
public sealed record ChangeRow(long Seq, string Object, Guid RecordId, string Op, DateTime At, long Version,
    string ClientId, Guid? UserId, string ChangedFieldsJson, string RecordJson, Guid? MergedInto);
