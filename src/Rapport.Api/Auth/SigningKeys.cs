using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Rapport.Api.Infrastructure;
using Rapport.Data.Model;
using Rapport.Domain.Records;

namespace Rapport.Api.Auth;

/// <summary>
/// The RSA key that signs access tokens: generated on first start and kept in the database, so
/// every instance on the same database issues and accepts the same tokens. Never logged.
/// </summary>
public sealed class SigningKeys(Database database)
{
    private RsaSecurityKey? _key;
    private byte[]? _cursorKey;

    public RsaSecurityKey Current => _key ?? throw new InvalidOperationException("Signing keys are not loaded yet.");

    /// <summary>A server secret for signing page cursors, derived from the same stored key.</summary>
    public byte[] CursorKey => _cursorKey ?? throw new InvalidOperationException("Signing keys are not loaded yet.");

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var db = database.Context();
        var stored = await db.SigningKeys.AsNoTracking().Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(ct);
        if (stored is null)
        {
            using var fresh = RSA.Create(2048);
            stored = new SigningKey
            {
                Id = Guid.CreateVersion7(),
                Kid = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                Algorithm = SecurityAlgorithms.RsaSha256,
                PrivateKey = fresh.ExportPkcs8PrivateKeyPem(),
                CreatedAt = Timestamps.Now(),
            };
            db.SigningKeys.Add(stored);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance created one at the same moment: use whichever is stored.
                await using var again = database.Context();
                stored = await again.SigningKeys.AsNoTracking().Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).FirstAsync(ct);
            }
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(stored.PrivateKey);
        _key = new RsaSecurityKey(rsa) { KeyId = stored.Kid };
        _cursorKey = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("rapport-cursor:" + stored.PrivateKey));
    }
}
