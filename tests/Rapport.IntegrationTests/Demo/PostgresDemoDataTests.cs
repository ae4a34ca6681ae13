using Microsoft.AspNetCore.Builder;
using Rapport.Api;
using Rapport.Api.Demo;
using Rapport.Data;
using Rapport.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Rapport.IntegrationTests.Demo.DemoTableCounts;

namespace Rapport.IntegrationTests.Demo;

/// <summary>The demo data set on PostgreSQL: the EF writes (users, campaign members) share the records' transaction there too.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDemoDataTests(PostgresFixture pg, ITestOutputHelper output)
{
    [Fact]
    public async Task Postgres_SeedTwice_FillsEveryObjectOnce()
    {
        var cs = await pg.TryNewDatabaseAsync();
        if (cs is null)
        {
            output.WriteLine($"Skipped: {pg.FailureReason}");
            return;
        }
        await using var app = RapportServer.Build(WebApplication.CreateBuilder(), new DatabaseTarget(DatabaseProvider.Postgres, cs));
        await RapportServer.InitializeAsync(app, CancellationToken.None);

        await DemoData.SeedAsync(app.Services, CancellationToken.None);
        await AssertExpectedAsync(app);
        var first = await AllAsync(app);
        await DemoData.SeedAsync(app.Services, CancellationToken.None);

        Assert.Equal(first, await AllAsync(app));
        Assert.Equal(70, await ScalarAsync(app, "SELECT count(*) FROM external_ids WHERE system = 'erp'"));
    }
}
