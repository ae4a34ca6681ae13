using System.Text;
using Rapport.Domain.Querying;
using Rapport.Domain.Validation;
using static Rapport.UnitTests.Querying.QueryTestHelpers;

namespace Rapport.UnitTests.Querying;

public class CursorCodecTests
{
    private const string Id = "0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    private const string NotIssued = "is not a cursor issued by this server";

    public static TheoryData<string, string?[]> RoundTrips => new()
    {
        { "", [Id] },
        { "lastName", ["Lovelace", Id] },
        { "-createdAt,lastName", ["2026-01-01T08:00:00.000000Z", null, Id] },
        { "custom.tier", ["gold ✓ \"quoted\" , comma", Id] },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Decode_CursorFromEncode_GivesTheSameValues(string sort, string?[] values)
    {
        var cursor = Codec.Encode(sort, values);
        Assert.Equal(values, Codec.Decode(cursor, sort));
    }

    [Fact]
    public void Encode_Cursor_IsUrlSafe() =>
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", Codec.Encode("-createdAt", ["2026-01-01T08:00:00.000000Z", "???>>>", Id]));

    [Fact]
    public void Decode_TamperedPayload_RejectedWithCursorError()
    {
        var cursor = Codec.Encode("lastName", ["Lovelace", Id]);
        var dot = cursor.IndexOf('.');
        var json = Encoding.UTF8.GetString(FromBase64Url(cursor[..dot])).Replace("Lovelace", "Babbage", StringComparison.Ordinal);
        var tampered = ToBase64Url(Encoding.UTF8.GetBytes(json)) + cursor[dot..];

        AssertRejected(() => Codec.Decode(tampered, "lastName"), NotIssued);
    }

    [Fact]
    public void Decode_TamperedSignature_RejectedWithCursorError()
    {
        var cursor = Codec.Encode("lastName", ["Lovelace", Id]);
        var dot = cursor.IndexOf('.');
        var signature = FromBase64Url(cursor[(dot + 1)..]);
        signature[0] ^= 0x01;
        var tampered = cursor[..(dot + 1)] + ToBase64Url(signature);

        AssertRejected(() => Codec.Decode(tampered, "lastName"), NotIssued);
    }

    [Fact]
    public void Decode_TruncatedSignature_RejectedWithCursorError()
    {
        var cursor = Codec.Encode("lastName", ["Lovelace", Id]);
        AssertRejected(() => Codec.Decode(cursor[..^4], "lastName"), NotIssued);
    }

    [Fact]
    public void Decode_CursorFromAnotherSort_RejectedWithCursorError()
    {
        var cursor = Codec.Encode("lastName", ["Lovelace", Id]);
        AssertRejected(() => Codec.Decode(cursor, "-lastName"), "was issued for another sort order; repeat the request with the same sort");
    }

    [Fact]
    public void Decode_CursorSignedWithAnotherKey_RejectedWithCursorError()
    {
        var other = new CursorCodec(Encoding.UTF8.GetBytes("a-different-server-key-0123456789"));
        var cursor = other.Encode("lastName", ["Lovelace", Id]);
        AssertRejected(() => Codec.Decode(cursor, "lastName"), NotIssued);
    }

    [Fact]
    public void Decode_CursorFromCodecWithSameKey_IsAccepted()
    {
        var sameKey = new CursorCodec((byte[])Key.Clone());
        Assert.Equal(["Lovelace", Id], sameKey.Decode(Codec.Encode("lastName", ["Lovelace", Id]), "lastName"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData(".abc")]
    [InlineData("abc.")]
    [InlineData("!!!.???")]
    [InlineData("a.b")]
    [InlineData("eyJTIjoiIiwiViI6WyJ4Il19.AAAAAAAAAAAAAAAAAAAAAA")]
    public void Decode_Garbage_RejectedWithCursorError(string cursor) =>
        AssertRejected(() => Codec.Decode(cursor, ""), NotIssued);

    [Fact]
    public void Decode_OverlongCursor_RejectedWithCursorError() =>
        AssertRejected(() => Codec.Decode(new string('a', 8190) + ".abc", ""), NotIssued);

    private static void AssertRejected(Func<object> decode, string message)
    {
        var error = Assert.Throws<ValidationException>(decode);
        Assert.Equal(["cursor"], error.Errors.Keys);
        Assert.Equal([message], error.Errors["cursor"]);
    }

    private static string ToBase64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
