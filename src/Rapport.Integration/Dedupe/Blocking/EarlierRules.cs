namespace Rapport.Integration.Dedupe.Blocking;

/// <summary>
/// Answers "did an earlier rule already generate this pair?" for each candidate pair, which is how OR-ed
/// rules compare a pair once. One word per record holds an 8-bit fingerprint of its key under each of
/// the first eight rules, so most answers come from the two records' words without touching the rules'
/// arrays (one cache miss instead of one per rule).
/// </summary>
internal sealed class EarlierRules
{
    private const int Fingerprinted = 8;

    private readonly RuleBlocks[] _rules;
    private readonly ulong[] _fingerprints;

    public EarlierRules(RuleBlocks[] rules, int records)
    {
        _rules = rules;
        _fingerprints = new ulong[records];
        for (var r = 0; r < Math.Min(Fingerprinted, rules.Length); r++)
        {
            var keys = rules[r].Keys;
            for (var row = 0; row < records; row++)
            {
                if (keys[row] != 0) _fingerprints[row] |= (ulong)(1 + keys[row] % 255) << (8 * r);
            }
        }
    }

    public bool Generated(int rule, int a, int b)
    {
        var fa = _fingerprints[a];
        var differ = fa ^ _fingerprints[b];
        for (var s = 0; s < rule; s++)
        {
            if (s < Fingerprinted && ((fa >> (8 * s) & 0xFF) == 0 || (differ >> (8 * s) & 0xFF) != 0)) continue;
            if (_rules[s].Generates(a, b)) return true;
        }
        return false;
    }
}
