namespace Rapport.Api.Auth;

/// <summary>The OAuth scopes of contract §2; each route names the one it needs.</summary>
public static class Scopes
{
    public const string Read = "crm.read";
    public const string Write = "crm.write";
    public const string Admin = "crm.admin";
    public const string Bulk = "crm.bulk";

    public static readonly IReadOnlyList<string> All = [Read, Write, Admin, Bulk];

    public static bool IsKnown(string scope) => All.Contains(scope);
}
