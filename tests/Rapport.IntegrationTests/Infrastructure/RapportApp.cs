using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
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

    /// <summary>A client without any Authorization header.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Starts the app on a fresh SQLite file <c>/tmp/rapport-test-&lt;guid&gt;.db</c>, deleted (with -wal/-shm) on dispose.</summary>
    public static Task<RapportApp> StartSqliteAsync(bool generateSigningKey = false) =>
        StartSqliteAsync(Path.Combine(Path.GetTempPath(), $"rapport-test-{Guid.NewGuid():N}.db"), generateSigningKey);

    /// <summary>Starts the app on the SQLite file at <paramref name="path"/> (created and migrated when new), deleted on dispose.</summary>
    public static async Task<RapportApp> StartSqliteAsync(string path, bool generateSigningKey = false)
    {
        var target = DatabaseTarget.Parse("sqlite:" + path);
        return await StartAsync(target, generateSigningKey, () =>
        {
            using (var connection = new SqliteConnection(target.ConnectionString)) SqliteConnection.ClearPool(connection);
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            {
                try { File.Delete(file); }
                catch (IOException) { }
            }
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Starts the app on an existing, empty PostgreSQL database.</summary>
    public static Task<RapportApp> StartPostgresAsync(string connectionString, bool generateSigningKey = false) =>
        StartAsync(new DatabaseTarget(DatabaseProvider.Postgres, connectionString), generateSigningKey, () =>
        {
            ClearPostgresPool(connectionString);
            return ValueTask.CompletedTask;
        });

    /// <summary>
    /// Starts the app on a new database of the fixture's server, dropped on dispose; null when PostgreSQL
    /// is unavailable and not required (the caller returns early). Throws when it is required but unavailable.
    /// </summary>
    public static async Task<RapportApp?> StartPostgresAsync(PostgresFixture pg, bool generateSigningKey = false)
    {
        var cs = await pg.TryNewDatabaseAsync();
        if (cs is null) return null;
        return await StartAsync(new DatabaseTarget(DatabaseProvider.Postgres, cs), generateSigningKey, async () =>
        {
            ClearPostgresPool(cs);
            var database = new NpgsqlConnectionStringBuilder(cs).Database;
            await using var admin = new NpgsqlConnection(pg.Server!.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }

    private static void ClearPostgresPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <param name="generateSigningKey">
    /// False (the default) stores a token signing key made once per test run before the app starts, because
    /// generating a 2048-bit RSA key takes up to seconds; true lets the app generate its own, as in production.
    /// </param>
    private static async Task<RapportApp> StartAsync(DatabaseTarget target, bool generateSigningKey, Func<ValueTask> cleanup)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        if (Environment.GetEnvironmentVariable("RAPPORT_TEST_LOG") is not ("1" or "true")) builder.Logging.ClearProviders();
        var app = RapportServer.Build(builder, target);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            if (!generateSigningKey)
            {
                await Migrator.MigrateAsync(target, cts.Token);
                await StoreSharedSigningKeyAsync(target, cts.Token);
            }
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

    private static async Task StoreSharedSigningKeyAsync(DatabaseTarget target, CancellationToken ct)
    {
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
        var created = await new ClientService(new Database(Target)).CreateAsync(name, scopes, null, CancellationToken.None);
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
