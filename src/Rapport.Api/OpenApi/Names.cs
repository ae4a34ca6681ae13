namespace Rapport.Api.OpenApi;

/// <summary>
/// Component and operation names derived from the object catalogue, so a new object gets
/// <c>listThings</c>/<c>Thing</c> without code of its own and generated SDKs get stable names.
/// </summary>
internal static class Names
{
    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>"an account", "a contact": summaries read as sentences.</summary>
    public static string WithArticle(string word) => (word.Length > 0 && "aeiou".Contains(word[0]) ? "an " : "a ") + word;
}
