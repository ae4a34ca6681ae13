namespace Rapport.Api.Demo;

/// <summary>Fills an empty database with a deterministic demo data set (being written; see DemoDataSet).</summary>
public static class DemoData
{
    public static Task SeedAsync(IServiceProvider services, CancellationToken ct) => Task.CompletedTask;
}
