namespace Rapport.Api.Demo;

/// <summary>Choices drawn from the one seeded <see cref="Random"/>, so every run makes the same ones.</summary>
internal static class DemoRandom
{
    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>A whole number in [min, max], both included.</summary>
    public static int Between(this Random rng, int min, int max) => rng.Next(min, max + 1);

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    public static T Weighted<T>(this Random rng, params ReadOnlySpan<(T Value, int Weight)> options)
    {
        var total = 0;
        foreach (var o in options) total += o.Weight;
        var roll = rng.Next(total);
        foreach (var o in options)
        {
            if (roll < o.Weight) return o.Value;
            roll -= o.Weight;
        }
        return options[^1].Value;
    }

    /// <summary>Exactly <c>Weight</c> copies of each value, in a shuffled order: a spread with known totals.</summary>
    public static List<T> Spread<T>(this Random rng, params ReadOnlySpan<(T Value, int Count)> counts)
    {
        var list = new List<T>();
        foreach (var (value, count) in counts)
            for (var i = 0; i < count; i++) list.Add(value);
        return rng.Shuffled(list);
    }

    public static List<T> Shuffled<T>(this Random rng, IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary><paramref name="count"/> distinct items (all of them when there are fewer).</summary>
    public static List<T> Sample<T>(this Random rng, IReadOnlyList<T> items, int count) =>
        rng.Shuffled(items).Take(count).ToList();

    /// <summary>An instant on a working day's office hours, <paramref name="days"/> days from <paramref name="from"/>.</summary>
    public static DateTime WorkTime(this Random rng, DateTime from, int days)
    {
        var day = from.Date.AddDays(days);
        if (day.DayOfWeek == DayOfWeek.Saturday) day = day.AddDays(-1);
        if (day.DayOfWeek == DayOfWeek.Sunday) day = day.AddDays(1);
        return DateTime.SpecifyKind(day.AddHours(rng.Between(7, 16)).AddMinutes(15 * rng.Between(0, 3)), DateTimeKind.Utc);
    }
}
