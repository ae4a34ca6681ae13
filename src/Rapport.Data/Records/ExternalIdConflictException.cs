namespace Rapport.Data.Records;

/// <summary>An external id already names another record of the same object.</summary>
public sealed class ExternalIdConflictException(string system, string externalId, Guid holder)
    : Exception($"externalIds.{system} '{externalId}' already belongs to record {holder}.")
{
    public string System { get; } = system;
    public string ExternalId { get; } = externalId;
    public Guid Holder { get; } = holder;
}
