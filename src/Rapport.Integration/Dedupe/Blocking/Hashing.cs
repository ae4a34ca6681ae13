namespace Rapport.Integration.Dedupe.Blocking;

/// <summary>64-bit mixing for blocking keys and deterministic pair sampling.</summary>
internal static class Hashing
{
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Chars(ReadOnlySpan<char> text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text) h = (h ^ c) * 0x100000001B3UL;
        return h | 1;
    }

    public static ulong Pair(int a, int b) => Mix(((ulong)(uint)a << 32 | (uint)b) + 0x9E3779B97F4A7C15UL);
}
