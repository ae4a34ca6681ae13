using System.Security.Cryptography;

namespace Rapport.Integration.Webhooks;

/// <summary>
/// Signing secrets in the Standard Webhooks form <c>whsec_&lt;base64&gt;</c>, so receivers can paste them into
/// any Standard Webhooks library unchanged. One secret per subscription: a leaked secret then exposes
/// only that endpoint.
/// </summary>
public static class WebhookSecret
{
    /// <summary>The prefix that marks a symmetric (HMAC-SHA256) Standard Webhooks secret.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Key size of the secrets <see cref="New"/> makes: 256 bits, as long as the HMAC-SHA256 output, and well above the 24-byte minimum.</summary>
    public const int KeyBytes = 32;

    /// <summary>The shortest key accepted: the specification asks for at least 24 bytes (192 bits).</summary>
    public const int MinKeyBytes = 24;

    /// <summary>The longest key accepted: the specification's maximum of 512 bits.</summary>
    public const int MaxKeyBytes = 64;

    /// <summary>A fresh secret: <c>whsec_</c> followed by the base64 of 32 bytes from a cryptographic random source.</summary>
    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>
    /// Decodes <c>whsec_&lt;base64&gt;</c> into the HMAC key. False (and an empty key) when the prefix is missing,
    /// the rest is not standard base64, or the key is shorter than <see cref="MinKeyBytes"/> or longer than
    /// <see cref="MaxKeyBytes"/>; a secret without the prefix is refused so a value of another kind
    /// (an API key, an asymmetric <c>whsk_</c> key) is never used as an HMAC key by mistake.
    /// </summary>
    public static bool TryParse(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var encoded = secret.AsSpan(Prefix.Length);
        if (encoded.IsEmpty || encoded.ContainsAny(" \t\r\n"))
            return false;
        var buffer = new byte[encoded.Length * 3 / 4];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || written < MinKeyBytes || written > MaxKeyBytes)
            return false;
        key = buffer[..written];
        return true;
    }
}
