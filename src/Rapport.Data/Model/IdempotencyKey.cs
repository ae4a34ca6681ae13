namespace Rapport.Data.Model;

/// <summary>A stored response for an <c>Idempotency-Key</c> request (table <c>idempotency_keys</c>).</summary>
public sealed class IdempotencyKey
{
    public string ClientId { get; set; } = "";
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public DateTime CreatedAt { get; set; }
}
