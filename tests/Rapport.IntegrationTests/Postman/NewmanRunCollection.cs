namespace Rapport.IntegrationTests.Postman;

/// <summary>
/// The newman run starts a real server process and a node process; in sequence after the parallel classes,
/// it does not compete with fifty classes starting at once on a small machine (a server that cannot start
/// within a minute fails the test), nor make the other real-server tests compete with it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NewmanRunCollection
{
    public const string Name = "newman run against a real server";
}
