using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rapport.Api;
using Rapport.Api.Auth;
using Rapport.Api.Infrastructure;
using Rapport.Data;
using Rapport.Data.Migrations;
using Rapport.Data.Model;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// The real Rapport server running in memory on a <see cref="TestServer"/>, on its own fresh database:
/// a temporary SQLite file or a new PostgreSQL database. Tests talk to it only through HTTP.
/// </summary>
public sealed class RapportApp : IAsyncDisposable
{
    /// <summary>What a client gets when it is registered: the credentials of contract §1.</summary>
    public sealed record Credentials(string ClientId, string ClientSecret);

    private readonly WebApplication _app;
    private readonly Func<ValueTask> _cleanup;
    private int _clients;

    private RapportApp(WebApplication app, DatabaseTarget target, Func<ValueTask> cleanup)
    {
        _app = app;
        Target = target;
        _cleanup = cleanup;
        Anonymous = app.GetTestClient();
    }

    public DatabaseTarget Target { get; }

    /// <summary>The server's services, for tests that drive a background worker directly (retention with a chosen cutoff).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>A client without any Authorization header.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Starts the app on a fresh SQLite file <c>/tmp/rapport-test-&lt;guid&gt;.db</c>, deleted (with -wal/-shm) on dispose.</summary>
    /// <param name="generateSigningKey">
    /// False (the default) starts from a copy of a database migrated once per run that holds a token signing key
    /// made once per run, because migrating takes a tenth of a second and generating a 2048-bit RSA key up to
    /// seconds; true starts from an empty file that the app migrates and keys itself, as in production.
    /// </param>
    /// <param name="settings">Server settings for this app only (the names of the environment variables, e.g. RAPPORT_WEBHOOKS_ALLOW_PRIVATE).</param>
    public static async Task<RapportApp> StartSqliteAsync(bool generateSigningKey = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rapport-test-{Guid.NewGuid():N}.db");
        if (!generateSigningKey) File.Copy(await SqliteTemplate.Value, path);
        return await StartSqliteAsync(path, generateSigningKey, settings);
    }

    /// <summary>
    /// Starts the app on the SQLite file at <paramref name="path"/>, deleted on dispose. A new or existing file
    /// without keys is migrated and given the shared signing key first, unless <paramref name="generateSigningKey"/>.
    /// </summary>
    public static async Task<RapportApp> StartSqliteAsync(string path, bool generateSigningKey = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var target = DatabaseTarget.Parse("sqlite:" + path);
        var prepared = File.Exists(path) && await HasSigningKeyAsync(target);
        return await StartAsync(target, prepare: !generateSigningKey && !prepared, settings, () =>
        {
            using (var connection = new SqliteConnection(target.ConnectionString)) SqliteConnection.ClearPool(connection);
            DeleteSqliteFiles(path);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>A migrated SQLite file with the shared signing key, checkpointed so the main file alone is the whole database.</summary>
    private static readonly Lazy<Task<string>> SqliteTemplate = new(async () =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"rapport-test-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteSqliteFiles(path);
        var target = DatabaseTarget.Parse("sqlite:" + path);
        await PrepareAsync(target, CancellationToken.None);
        await using (var connection = new SqliteConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await checkpoint.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync() && reader.GetInt64(0) == 0, "the SQLite template could not be checkpointed");
        }
        using (var connection = new SqliteConnection(target.ConnectionString)) SqliteConnection.ClearPool(connection);
        return path;
    });

    private static async Task<bool> HasSigningKeyAsync(DatabaseTarget target)
    {
        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'signing_keys'";
        if ((long)(await command.ExecuteScalarAsync())! == 0) return false;
        command.CommandText = "SELECT count(*) FROM signing_keys";
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static void DeleteSqliteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try { File.Delete(file); }
            catch (IOException) { }
        }
        // Job files (imports, exports) live next to the database: see JobFiles.
        var jobFiles = Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileNameWithoutExtension(path) + "-files");
        try { if (Directory.Exists(jobFiles)) Directory.Delete(jobFiles, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>Starts the app on an existing, empty PostgreSQL database.</summary>
    public static Task<RapportApp> StartPostgresAsync(string connectionString, bool generateSigningKey = false) =>
        StartAsync(new DatabaseTarget(DatabaseProvider.Postgres, connectionString), prepare: !generateSigningKey, null, () =>
        {
            ClearPostgresPool(connectionString);
            return ValueTask.CompletedTask;
        });

    /// <summary>
    /// Starts the app on a new database of the fixture's server, dropped on dispose; null when PostgreSQL
    /// is unavailable and not required (the caller returns early). Throws when it is required but unavailable.
    /// The database is a copy of one migrated once per run (<see cref="PostgresTemplate"/>); with
    /// <paramref name="generateSigningKey"/> it is a new empty one that the app migrates itself.
    /// </summary>
    public static async Task<RapportApp?> StartPostgresAsync(PostgresFixture pg, bool generateSigningKey = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var cs = generateSigningKey
            ? await pg.TryNewDatabaseAsync()
            : await PostgresTemplate.NewDatabaseAsync(pg, PrepareAsync);
        if (cs is null) return null;
        return await StartAsync(new DatabaseTarget(DatabaseProvider.Postgres, cs), prepare: false, settings, async () =>
        {
            ClearPostgresPool(cs);
            await PostgresTemplate.DropAsync(pg, cs);
        });
    }

    /// <summary>
    /// Starts a second server on this app's database, as another process would (its own settings and instance
    /// name, so its own leases): for tests of several servers and workers sharing one database. The database
    /// is left to this app; dispose the peer first.
    /// </summary>
    public Task<RapportApp> StartPeerAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(Target, prepare: false, settings, () => ValueTask.CompletedTask);

    private static void ClearPostgresPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    private static async Task<RapportApp> StartAsync(DatabaseTarget target, bool prepare, IReadOnlyDictionary<string, string?>? settings, Func<ValueTask> cleanup)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        if (Environment.GetEnvironmentVariable("RAPPORT_TEST_LOG") is not ("1" or "true")) builder.Logging.ClearProviders();
        var app = RapportServer.Build(builder, target);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            if (prepare) await PrepareAsync(target, cts.Token);
            await RapportServer.InitializeAsync(app, cts.Token);
            await app.StartAsync(cts.Token);
        }
        catch
        {
            await app.DisposeAsync();
            await cleanup();
            throw;
        }
        return new RapportApp(app, target, cleanup);
    }

    private static readonly Lazy<string> SharedPrivateKey = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    });

    /// <summary>Migrates the database and stores the signing key shared by all tests of this run.</summary>
    private static async Task PrepareAsync(DatabaseTarget target, CancellationToken ct)
    {
        await Migrator.MigrateAsync(target, ct);
        await using var db = RapportDbContext.Create(target);
        db.SigningKeys.Add(new SigningKey
        {
            Id = Guid.CreateVersion7(),
            Kid = "integration-tests",
            Algorithm = "RS256",
            PrivateKey = SharedPrivateKey.Value,
            CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Registers an API client with <paramref name="scopes"/> directly in the database, as <c>rapport clients create</c> does.</summary>
    public async Task<Credentials> CreateClientAsync(params string[] scopes)
    {
        var name = $"integration-test-{Interlocked.Increment(ref _clients)}";
        using var database = new Database(Target);
        var created = await new ClientService(database).CreateAsync(name, scopes, null, CancellationToken.None);
        return new Credentials(created.ClientId, created.ClientSecret);
    }

    /// <summary>
    /// A client holding a bearer token for a new API client with <paramref name="scopes"/> (crm.read and
    /// crm.write when none are given), obtained from <c>POST /oauth/token</c> with client credentials.
    /// </summary>
    public async Task<HttpClient> ClientAsync(params string[] scopes)
    {
        if (scopes.Length == 0) scopes = [Scopes.Read, Scopes.Write];
        var credentials = await CreateClientAsync(scopes);
        var token = await TokenAsync(credentials);
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An access token for <paramref name="credentials"/> (client_secret_post); fails the test when the server refuses.</summary>
    public async Task<string> TokenAsync(Credentials credentials, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
        };
        if (scope is not null) form["scope"] = scope;
        using var response = await Anonymous.PostAsync("/oauth/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /oauth/token answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    /// <summary>A new client with no default headers, for tests that build their own requests.</summary>
    public HttpClient NewHttpClient() => _app.GetTestClient();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            await _cleanup();
        }
    }
}
