namespace Rapport.Integration.Mapping;

/// <summary>What a column (or a mapping entry) feeds.</summary>
internal enum TargetKind
{
    /// <summary>A typed value: a top-level field, a system field, a nested field (address.city), custom.x or externalIds.x.</summary>
    Value,

    /// <summary>A cell holding a JSON object for a whole object (address, marketingConsent, custom, externalIds).</summary>
    WholeObject,

    /// <summary>A cell holding a JSON array for an array field (emails, lineItems, participants).</summary>
    WholeArray,

    /// <summary>The primary item's value of an array (email → emails[primary].address).</summary>
    PrimaryItem,

    /// <summary>A key of a referenced record (account.domain): becomes a <see cref="RelationKey"/>, not a body value.</summary>
    Relation,
}
