using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rapport.Domain.Validation;

namespace Rapport.Domain.Querying;

/// <summary>
/// Opaque page cursors: the sort spec and the last row's sort values, signed with a server key so a
/// forged or edited cursor is refused instead of silently returning the wrong page.
/// </summary>
public sealed class CursorCodec(byte[] key)
{
    public string Encode(string sortSpec, IReadOnlyList<string?> values)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new CursorPayload(sortSpec, values.ToArray()));
        var mac = HMACSHA256.HashData(key, payload).AsSpan(0, 16);
        return Base64Url(payload) + "." + Base64Url(mac);
    }

    /// <summary>Returns the values the cursor carries, or throws a validation error naming <c>cursor</c>.</summary>
    public IReadOnlyList<string?> Decode(string cursor, string sortSpec)
    {
        var dot = cursor.IndexOf('.');
        if (dot <= 0 || cursor.Length > 8192) throw Invalid("is not a cursor issued by this server");
        byte[] payload, mac;
        try
        {
            payload = FromBase64Url(cursor[..dot]);
            mac = FromBase64Url(cursor[(dot + 1)..]);
        }
        catch (FormatException) { throw Invalid("is not a cursor issued by this server"); }
        var expected = HMACSHA256.HashData(key, payload).AsSpan(0, 16);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac)) throw Invalid("is not a cursor issued by this server");
        var parsed = JsonSerializer.Deserialize<CursorPayload>(payload)!;
        if (parsed.S != sortSpec) throw Invalid("was issued for another sort order; repeat the request with the same sort");
        return parsed.V;
    }

    private static ValidationException Invalid(string message) => ValidationException.For("cursor", message);

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException() };
        return Convert.FromBase64String(s);
    }

    private sealed record CursorPayload(string S, string?[] V);
}
