namespace Rapport.Cli.Commands;

public static class DemoCommand
{
    public static Task SeedAsync(IServiceProvider services, CancellationToken ct) => Rapport.Api.Demo.DemoData.SeedAsync(services, ct);
}
