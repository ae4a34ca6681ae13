using System.Text;

namespace Rapport.Integration.Formats;

/// <summary>The legacy code pages import files come in (Excel's Windows-1252 "CSV", XML declaring <c>windows-1252</c>).</summary>
internal static class TextEncodings
{
    /// <summary>Windows-1252; getting it registers the code page provider, so <see cref="Encoding.GetEncoding(string)"/> knows legacy names.</summary>
    public static readonly Encoding Windows1252 = RegisterCodePages();

    /// <summary>Makes sure the code page provider is registered (done once, by the static initialiser).</summary>
    public static void EnsureRegistered() => _ = Windows1252;

    private static Encoding RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
