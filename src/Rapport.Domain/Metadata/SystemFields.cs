namespace Rapport.Domain.Metadata;

/// <summary>The fields every record carries, kept out of the per-object field lists.</summary>
public static class SystemFields
{
    public const string Id = "id";
    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";
    public const string Version = "version";
    public const string OwnerId = "ownerId";
    public const string ExternalIds = "externalIds";
    public const string Custom = "custom";

    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        Id, CreatedAt, UpdatedAt, Version,
    };

    public static readonly IReadOnlyList<string> All = [Id, CreatedAt, UpdatedAt, Version, OwnerId, ExternalIds, Custom];

    public static bool IsSystem(string name) => name is Id or CreatedAt or UpdatedAt or Version or OwnerId or ExternalIds or Custom;
}
