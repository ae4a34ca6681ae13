namespace Rapport.Integration.Mapping;

/// <summary>
/// A reference given by a key of the other record rather than its id, from a column such as
/// <c>account.domain</c>: the importer looks up <paramref name="TargetObject"/> by
/// <paramref name="KeyPath"/> = <paramref name="Value"/> and sets <paramref name="Field"/> to the id found.
/// </summary>
/// <param name="Field">The reference field of the imported object (<c>accountId</c>, <c>relatedId</c>, <c>ownerId</c>).</param>
/// <param name="TargetObject">The object looked up (<c>accounts</c>, <c>users</c>).</param>
/// <param name="KeyPath">A field path of the target object (<c>id</c>, <c>domain</c>, <c>name</c>, <c>email</c>, <c>externalIds.erp</c>).</param>
/// <param name="Value">The key value, after the mapping's transforms.</param>
/// <param name="Column">The source column it came from.</param>
public sealed record RelationKey(string Field, string TargetObject, string KeyPath, string Value, string Column);
