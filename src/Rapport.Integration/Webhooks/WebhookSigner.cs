using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Integration.Webhooks;

/// <summary>
/// Signs webhook deliveries as the Standard Webhooks specification asks, so receivers verify them with
/// any Standard Webhooks library: HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as
/// <c>v1,&lt;base64&gt;</c>. During a secret rotation the old and the new secret both sign and the header carries
/// both signatures separated by a space, so a receiver that still has either secret keeps accepting.
/// </summary>
public static class WebhookSigner
{
    /// <summary>Header with the message id: the same on every retry of one event, so receivers can deduplicate.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>Header with the attempt's time in Unix seconds: receivers refuse old ones, which stops replays.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>Header with the space-separated <c>v1,&lt;base64&gt;</c> signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>
    /// The <c>webhook-signature</c> value for one attempt: one <c>v1,&lt;base64&gt;</c> per secret, in the order given.
    /// <paramref name="timestamp"/> is the time of this attempt (not of the event), truncated to whole seconds,
    /// so each retry is signed anew. Throws <see cref="ArgumentException"/> when <paramref name="msgId"/> is empty
    /// or contains a full stop (the specification forbids it: it would make the signed content ambiguous),
    /// when there is no secret, or when a secret is not a valid <c>whsec_</c> secret.
    /// </summary>
    public static string Sign(string msgId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets)
    {
        ArgumentException.ThrowIfNullOrEmpty(msgId);
        ArgumentNullException.ThrowIfNull(secrets);
        if (msgId.Contains('.', StringComparison.Ordinal))
            throw new ArgumentException("A webhook id must not contain '.'.", nameof(msgId));
        if (secrets.Count == 0)
            throw new ArgumentException("At least one secret is needed to sign a webhook.", nameof(secrets));

        var prefix = Encoding.UTF8.GetBytes($"{msgId}.{UnixSeconds(timestamp)}.");
        var signature = new StringBuilder(secrets.Count * 48);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        for (var i = 0; i < secrets.Count; i++)
        {
            if (!WebhookSecret.TryParse(secrets[i], out var key))
                throw new ArgumentException($"Secret {i} is not a valid '{WebhookSecret.Prefix}' secret.", nameof(secrets));
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData(prefix);
            hmac.AppendData(body);
            hmac.GetHashAndReset(mac);
            if (i > 0)
                signature.Append(' ');
            signature.Append("v1,").Append(Convert.ToBase64String(mac));
        }
        return signature.ToString();
    }

    /// <summary>
    /// The three Standard Webhooks headers for one attempt (<see cref="IdHeader"/>, <see cref="TimestampHeader"/>,
    /// <see cref="SignatureHeader"/>), ready to add to the request: the timestamp sent is exactly the one signed.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(
        string msgId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets) =>
    [
        new(IdHeader, msgId),
        new(TimestampHeader, UnixSeconds(timestamp)),
        new(SignatureHeader, Sign(msgId, timestamp, body, secrets)),
    ];

    private static string UnixSeconds(DateTimeOffset timestamp) =>
        timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
