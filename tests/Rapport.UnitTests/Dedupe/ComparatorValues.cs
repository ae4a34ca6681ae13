using Rapport.Integration.Dedupe;
using Rapport.Integration.Dedupe.Features;
using Rapport.Integration.Dedupe.Strings;

namespace Rapport.UnitTests.Dedupe;

/// <summary>Raw text to the precomputed value a comparator sees, normalised as the scanner does.</summary>
internal static class ComparatorValues
{
    public static ValueInfo Of(MatchKind kind, string raw)
    {
        Span<char> buffer = stackalloc char[Words.BufferSize];
        var length = Normalizer.Write(kind, raw, buffer);
        return ValueInfo.Create(kind, new string(buffer[..length]));
    }

    public static string Normalised(MatchKind kind, string raw)
    {
        Span<char> buffer = stackalloc char[Words.BufferSize];
        return new string(buffer[..Normalizer.Write(kind, raw, buffer)]);
    }
}
