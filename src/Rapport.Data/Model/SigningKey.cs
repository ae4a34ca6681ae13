namespace Rapport.Data.Model;

/// <summary>A token signing key (table <c>signing_keys</c>).</summary>
public sealed class SigningKey
{
    public Guid Id { get; set; }
    public string Kid { get; set; } = "";
    public string Algorithm { get; set; } = "";

    /// <summary>The private key as PKCS#8 PEM.</summary>
    public string PrivateKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
}
