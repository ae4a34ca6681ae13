using Microsoft.Data.Sqlite;
using Npgsql;

namespace Rapport.Data;

/// <summary>
/// Where the data lives: a provider and its connection string. Parsed from <c>sqlite:PATH</c>,
/// a plain SQLite <c>Data Source=...</c> string, or <c>postgres:&lt;Npgsql connection string&gt;</c>.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    private const string Expected =
        "expected 'sqlite:PATH', 'Data Source=PATH' or 'postgres:<Npgsql connection string>'";

    /// <summary>The default target: a SQLite file <c>./rapport.db</c>.</summary>
    public static DatabaseTarget Default => Parse("sqlite:./rapport.db");

    /// <summary>For a SQLite file database, its path; null for PostgreSQL and in-memory SQLite.</summary>
    public string? SqliteFilePath
    {
        get
        {
            if (Provider != DatabaseProvider.Sqlite) return null;
            var b = new SqliteConnectionStringBuilder(ConnectionString);
            var source = b.DataSource;
            if (b.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:") return null;
            if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
            return source;
        }
    }

    public static DatabaseTarget Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Trim();
        if (TryStrip(v, "sqlite:", out var rest))
            return Sqlite(LooksLikeConnectionString(rest) ? rest : null, rest, value);
        if (TryStrip(v, "postgresql:", out rest) || TryStrip(v, "postgres:", out rest))
            return Postgres(rest, value);
        if (LooksLikeConnectionString(v))
            return Sqlite(v, null, value);
        throw new FormatException($"Invalid database target '{Redact(value)}': {Expected}.");
    }

    public override string ToString() => $"{Provider}: {Redact(ConnectionString)}";

    private static DatabaseTarget Sqlite(string? connectionString, string? path, string original)
    {
        try
        {
            var b = connectionString is not null
                ? new SqliteConnectionStringBuilder(connectionString)
                : new SqliteConnectionStringBuilder { DataSource = path, Pooling = true };
            if (string.IsNullOrWhiteSpace(b.DataSource))
                throw new FormatException($"Invalid database target '{original}': the SQLite path is empty.");
            return new DatabaseTarget(DatabaseProvider.Sqlite, b.ToString());
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Invalid SQLite connection string '{original}': {ex.Message}", ex);
        }
    }

    private static DatabaseTarget Postgres(string connectionString, string original)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(b.Host))
                throw new FormatException($"Invalid database target '{Redact(original)}': the PostgreSQL connection string has no Host.");
            return new DatabaseTarget(DatabaseProvider.Postgres, b.ToString());
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Invalid PostgreSQL connection string in '{Redact(original)}': {ex.Message}", ex);
        }
    }

    private static bool TryStrip(string value, string prefix, out string rest)
    {
        var match = value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        rest = match ? value[prefix.Length..].Trim() : "";
        return match;
    }

    private static bool LooksLikeConnectionString(string value)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) return false;
        var key = value[..eq].Trim().Replace(" ", "", StringComparison.Ordinal);
        return key.Equals("DataSource", StringComparison.OrdinalIgnoreCase)
            || key.Equals("Filename", StringComparison.OrdinalIgnoreCase);
    }

    private static string Redact(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"(?i)(password|pwd)\s*=\s*[^;]*", "$1=***");
}
