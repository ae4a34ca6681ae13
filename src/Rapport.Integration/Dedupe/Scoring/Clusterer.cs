namespace Rapport.Integration.Dedupe.Scoring;

/// <summary>
/// Groups pairs into clusters (connected components) by joining the strongest pairs first (Kruskal), so
/// each cluster comes with its maximum spanning tree: the links that explain why each member belongs,
/// and a score, the weakest of those links.
/// </summary>
internal static class Clusterer
{
    public sealed record Cluster(int[] Rows, int[] Links, double Log2Odds);

    public static List<Cluster> Build(IReadOnlyList<ScoredPair> pairs, int records)
    {
        var order = new int[pairs.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var c = pairs[y].Log2Odds.CompareTo(pairs[x].Log2Odds);
            return c != 0 ? c : x.CompareTo(y);
        });

        var parent = new int[records];
        for (var i = 0; i < parent.Length; i++) parent[i] = i;
        var links = new List<int>();
        foreach (var p in order)
        {
            var a = Find(parent, pairs[p].A);
            var b = Find(parent, pairs[p].B);
            if (a == b) continue;
            parent[Math.Max(a, b)] = Math.Min(a, b);
            links.Add(p);
        }

        var byRoot = new Dictionary<int, Builder>();
        foreach (var p in links)
        {
            var root = Find(parent, pairs[p].A);
            if (!byRoot.TryGetValue(root, out var cluster)) byRoot[root] = cluster = new Builder();
            cluster.Rows.Add(pairs[p].A);
            cluster.Rows.Add(pairs[p].B);
            cluster.Links.Add(p);
            cluster.Weakest = Math.Min(cluster.Weakest, pairs[p].Log2Odds);
        }
        var clusters = new List<Cluster>(byRoot.Count);
        foreach (var c in byRoot.Values)
        {
            c.Links.Sort();
            clusters.Add(new Cluster(c.Rows.ToArray(), c.Links.ToArray(), c.Weakest));
        }
        clusters.Sort((x, y) => x.Rows[0].CompareTo(y.Rows[0]));
        return clusters;
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private sealed class Builder
    {
        public SortedSet<int> Rows { get; } = [];

        public List<int> Links { get; } = [];

        public double Weakest { get; set; } = double.PositiveInfinity;
    }
}
