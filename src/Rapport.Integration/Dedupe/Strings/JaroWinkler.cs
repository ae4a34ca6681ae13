using System.Numerics;

namespace Rapport.Integration.Dedupe.Strings;

/// <summary>
/// Jaro-Winkler similarity (0 to 1, prefix scale 0.1 over at most four characters, boost above 0.7):
/// the standard measure for short strings with typos, favouring strings that agree at the start. It is
/// the hottest code of a scan, so strings of up to 64 ASCII characters take a bit-parallel path: one
/// mask of positions per character of the second string, and each character of the first finds its
/// partner with a mask operation instead of a scan of the window.
/// </summary>
internal static class JaroWinkler
{
    private const int Ascii = 128;

    [ThreadStatic] private static ulong[]? t_positions;

    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a.SequenceEqual(b)) return 1;
        var jaro = a.Length <= 64 && b.Length <= 64 && IsAscii(b) ? JaroBits(a, b) : Jaro(a, b);
        if (jaro <= 0.7) return jaro;
        var limit = Math.Min(4, Math.Min(a.Length, b.Length));
        var prefix = 0;
        while (prefix < limit && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    private static double JaroBits(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var positions = t_positions ??= new ulong[Ascii];
        for (var j = 0; j < b.Length; j++) positions[b[j]] |= 1UL << j;

        var range = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        ulong usedA = 0, usedB = 0;
        var common = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var c = a[i];
            if (c >= Ascii) continue;
            var low = Math.Max(0, i - range);
            var high = Math.Min(i + range, b.Length - 1);
            if (low > high) continue;
            var window = ((2UL << high) - 1) & ~((1UL << low) - 1);
            var free = positions[c] & ~usedB & window;
            if (free == 0) continue;
            usedB |= free & (~free + 1);
            usedA |= 1UL << i;
            common++;
        }
        for (var j = 0; j < b.Length; j++) positions[b[j]] = 0;
        if (common == 0) return 0;

        var transposed = 0;
        var restA = usedA;
        var restB = usedB;
        while (restA != 0)
        {
            var i = BitOperations.TrailingZeroCount(restA);
            var j = BitOperations.TrailingZeroCount(restB);
            if (a[i] != b[j]) transposed++;
            restA &= restA - 1;
            restB &= restB - 1;
        }
        return Score(common, transposed, a.Length, b.Length);
    }

    private static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var range = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        var total = a.Length + b.Length;
        Span<bool> flags = total <= 512 ? stackalloc bool[total] : new bool[total];
        var flagsA = flags[..a.Length];
        var flagsB = flags[a.Length..];

        var common = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var low = Math.Max(0, i - range);
            var high = Math.Min(i + range, b.Length - 1);
            var c = a[i];
            for (var j = low; j <= high; j++)
            {
                if (flagsB[j] || b[j] != c) continue;
                flagsA[i] = flagsB[j] = true;
                common++;
                break;
            }
        }
        if (common == 0) return 0;

        var transposed = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!flagsA[i]) continue;
            while (!flagsB[k]) k++;
            if (a[i] != b[k]) transposed++;
            k++;
        }
        return Score(common, transposed, a.Length, b.Length);
    }

    private static double Score(int common, int transposed, int lengthA, int lengthB)
    {
        double m = common;
        return (m / lengthA + m / lengthB + (m - transposed / 2) / m) / 3;
    }

    private static bool IsAscii(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c >= Ascii) return false;
        }
        return true;
    }
}
