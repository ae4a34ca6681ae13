namespace Rapport.Integration.Dedupe;

/// <summary>
/// One agreement level of a field: how often duplicates (<see cref="M"/>), unrelated records
/// (<see cref="U"/>) and related but different records such as household members or colleagues
/// (<see cref="R"/>) fall into it. Its weight, log2(M / U) bits, is what the level adds to a pair's
/// evidence against a random record; R lets the score tell a duplicate from a relative.
/// </summary>
public sealed record LevelModel(string Name, double M, double U, double R)
{
    public double Weight => Math.Log2(M / U);
}
